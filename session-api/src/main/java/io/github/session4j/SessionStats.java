package io.github.session4j;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what a {@link SessionManager} did, for metrics and tests. Thread-safe; the values only
 * grow.
 */
public final class SessionStats {

    final LongAdder loads = new LongAdder();
    final LongAdder creates = new LongAdder();
    final LongAdder replaces = new LongAdder();
    final LongAdder appends = new LongAdder();
    final LongAdder revalidated = new LongAdder();
    final LongAdder conflicts = new LongAdder();
    final LongAdder deletes = new LongAdder();
    final LongAdder touches = new LongAdder();
    final LongAdder unreadableRecords = new LongAdder();
    final LongAdder expiredRecords = new LongAdder();
    final LongAdder rejectedIds = new LongAdder();
    final LongAdder crossSiteDrops = new LongAdder();

    SessionStats() {
    }

    /** @return records read from the store */
    public long loads() {
        return loads.sum();
    }

    /** @return new sessions written */
    public long creates() {
        return creates.sum();
    }

    /** @return conditional replaces attempted */
    public long replaces() {
        return replaces.sum();
    }

    /**
     * @return loads answered from the record cache ({@code SESSION_RECORD_CACHE}) after the store
     *     confirmed the kept record's version, without reading the record; also counted in
     *     {@link #loads()}
     */
    public long revalidated() {
        return revalidated.sum();
    }

    /** @return conditional appends of a delta frame attempted (a small change to a large session) */
    public long appends() {
        return appends.sum();
    }

    /** @return conditional saves that lost a race and were retried on fresh data */
    public long conflicts() {
        return conflicts.sum();
    }

    /** @return records deleted (invalidation, regeneration, unreadable or expired records) */
    public long deletes() {
        return deletes.sum();
    }

    /** @return expiry refreshes sent to the store */
    public long touches() {
        return touches.sum();
    }

    /** @return records that could not be decoded or failed their MAC, treated as no session and deleted */
    public long unreadableRecords() {
        return unreadableRecords.sum();
    }

    /** @return records found past their absolute lifetime, treated as no session and deleted */
    public long expiredRecords() {
        return expiredRecords.sum();
    }

    /** @return presented IDs refused by the format check, at no store cost */
    public long rejectedIds() {
        return rejectedIds.sum();
    }

    /**
     * @return commits of unsafe cross-site requests whose new session (or new ID) was dropped
     *     instead of stored, and sent without {@code Set-Cookie}
     */
    public long crossSiteDrops() {
        return crossSiteDrops.sum();
    }

    @Override
    public String toString() {
        return "SessionStats[loads=" + loads() + ", creates=" + creates() + ", replaces=" + replaces()
                + ", appends=" + appends() + ", revalidated=" + revalidated()
                + ", conflicts=" + conflicts() + ", deletes=" + deletes() + ", touches=" + touches()
                + ", unreadableRecords=" + unreadableRecords() + ", expiredRecords=" + expiredRecords()
                + ", rejectedIds=" + rejectedIds() + ", crossSiteDrops=" + crossSiteDrops() + "]";
    }
}
