package io.github.session4j.memory;

import io.github.session4j.spi.CheapSessionCounter;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.Revalidation;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process reference backend: records live in a {@link ConcurrentHashMap} of this JVM, so
 * they are lost when it stops and are not shared between processes. Meant for tests, demos and
 * single-instance tools; it shows the contract of {@link SessionInterface} in its simplest form.
 *
 * <p>Expiry is decided with the configured {@link Clock}: an expired record is never returned and
 * is removed lazily on access or by {@link #sweepExpired}. Every operation is one atomic map
 * operation, so conditional saves and appends are exact under any number of threads.
 *
 * <p>The principal index ({@link PrincipalIndex}) is a second map, from principal key to a sorted
 * set of store keys, apart from the records: it is not counted, swept or loaded as a session. An
 * index change is applied inside the same atomic map operation as the write that carries it, and
 * only when that write won. Keys of records that expired or were deleted with a plain
 * {@link #delete} stay in their entry until the core unindexes them.
 */
public final class MemorySessionInterface
        implements SessionInterface, RecordAppender, RecordRevalidator, ExpirySweeper, CheapSessionCounter, PrincipalIndex {

    private record Entry(byte[] data, long version, Instant expiresAt) {
        boolean isLive(Instant now) {
            return expiresAt.isAfter(now);
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<String>> index = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final Clock clock;
    private final String keyPrefix;

    /**
     * Creates an empty store whose {@link #countLive()} counts every key.
     *
     * @param clock the clock that decides expiry
     */
    public MemorySessionInterface(Clock clock) {
        this(clock, "");
    }

    /**
     * Creates an empty store.
     *
     * @param clock the clock that decides expiry
     * @param keyPrefix the configured {@code SESSION_KEY_PREFIX}, which {@link #countLive()} counts under
     */
    public MemorySessionInterface(Clock clock, String keyPrefix) {
        this.clock = clock;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        Entry entry = liveEntry(key);
        return entry == null ? Optional.empty() : Optional.of(toRecord(entry));
    }

    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        Entry touched = touchLive(key, ttl);
        return touched == null ? Optional.empty() : Optional.of(toRecord(touched));
    }

    private Entry touchLive(String key, Duration ttl) {
        Instant now = clock.instant();
        return entries.computeIfPresent(key, (k, e) ->
                e.isLive(now) ? new Entry(e.data(), e.version(), now.plus(ttl)) : null);
    }

    /**
     * One atomic map operation: a create takes the key when it holds nothing live, a replace or
     * an append only when the live record has the expected version (an append never to an empty
     * record, the core's tombstone of a regenerated session). Every write draws the next version
     * of a counter and reports it. The write's index change is applied in the same map operation,
     * only when the write won.
     */
    @Override
    public WriteResult write(RecordWrite write) {
        IndexChange change = write.index();
        return write.match(create -> createRecord(create.key(), create.record(), create.ttl(), change),
                replace -> replaceRecord(replace.key(), replace.record(), replace.expectedVersion(), replace.ttl(), change),
                append -> appendRecord(append.key(), append.tail(), append.expectedVersion(), append.ttl(), change));
    }

    private WriteResult createRecord(String key, byte[] record, Duration ttl, IndexChange change) {
        Instant now = clock.instant();
        Entry fresh = new Entry(record.clone(), versions.incrementAndGet(), now.plus(ttl));
        Entry result = entries.compute(key, (k, e) -> {
            if (e == null || !e.isLive(now)) {
                applyIndex(k, change);
                return fresh;
            }
            return e;
        });
        return WriteResult.of(result == fresh, fresh.version());
    }

    private WriteResult replaceRecord(String key, byte[] record, long expectedVersion, Duration ttl, IndexChange change) {
        Instant now = clock.instant();
        Entry fresh = new Entry(record.clone(), versions.incrementAndGet(), now.plus(ttl));
        Entry result = entries.computeIfPresent(key, (k, e) -> {
            if (e.isLive(now) && e.version() == expectedVersion) {
                applyIndex(k, change);
                return fresh;
            }
            return e;
        });
        return WriteResult.of(result == fresh, fresh.version());
    }

    private WriteResult appendRecord(String key, byte[] tail, long expectedVersion, Duration ttl, IndexChange change) {
        Instant now = clock.instant();
        long newVersion = versions.incrementAndGet();
        Entry result = entries.computeIfPresent(key, (k, e) -> {
            // an empty record is the core's tombstone of a regenerated session: nothing may follow it
            if (!e.isLive(now) || e.version() != expectedVersion || e.data().length == 0) {
                return e;
            }
            byte[] data = Arrays.copyOf(e.data(), e.data().length + tail.length);
            System.arraycopy(tail, 0, data, e.data().length, tail.length);
            applyIndex(k, change);
            return new Entry(data, newVersion, now.plus(ttl));
        });
        return WriteResult.of(result != null && result.version() == newVersion, newVersion);
    }

    /** Applies an index change for {@code key}, inside the map operation of the write that won. */
    private void applyIndex(String key, IndexChange change) {
        change.removed().ifPresent(pk -> unindex(pk, List.of(key)));
        change.added().ifPresent(pk -> index.compute(pk, (p, set) -> {
            NavigableSet<String> keys = set == null ? new ConcurrentSkipListSet<>() : set;
            keys.add(key);
            return keys;
        }));
    }

    @Override
    public List<String> indexedKeys(String principalKey, String after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit was " + limit + " but it must be 1 to " + MAX_PAGE_SIZE);
        }
        NavigableSet<String> keys = index.get(principalKey);
        if (keys == null) {
            return List.of();
        }
        List<String> page = new ArrayList<>(Math.min(limit, 64));
        for (String key : after == null ? keys : keys.tailSet(after, false)) {
            if (page.size() == limit) {
                break;
            }
            page.add(key);
        }
        return page;
    }

    @Override
    public void unindex(String principalKey, Collection<String> keys) {
        index.computeIfPresent(principalKey, (pk, set) -> {
            set.removeAll(keys);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void deleteIndexed(String key, String principalKey) {
        entries.compute(key, (k, e) -> {
            unindex(principalKey, List.of(k));
            return null;
        });
    }

    @Override
    public Revalidation revalidate(String key, long version, Duration ttl) {
        Entry entry = ttl == null ? liveEntry(key) : touchLive(key, ttl);
        if (entry == null) {
            return Revalidation.changed(Optional.empty());
        }
        return entry.version() == version ? Revalidation.unchanged(entry.expiresAt()) : Revalidation.changed(Optional.of(toRecord(entry)));
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public void touch(String key, Duration ttl) {
        loadAndTouch(key, ttl);
    }

    @Override
    public int sweepExpired(int maxRecords) {
        Instant now = clock.instant();
        int removed = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (removed >= maxRecords) {
                break;
            }
            if (!e.getValue().isLive(now) && entries.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * This backend's capabilities, and {@link RecordScanner} ({@link MemoryRecordScanner}: the
     * records in ascending key order).
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == RecordScanner.class) {
            return Optional.of(type.cast(new MemoryRecordScanner(this, keyPrefix)));
        }
        return SessionInterface.super.capability(type);
    }

    @Override
    public long countLive() {
        Instant now = clock.instant();
        return entries.entrySet().stream()
                .filter(e -> e.getKey().startsWith(keyPrefix) && e.getValue().isLive(now))
                .count();
    }

    /**
     * Inspection for tests and admin tools: the stored bytes of a key, expired or not.
     *
     * @param key the store key
     * @return a copy of the stored bytes, or empty when the key is absent
     */
    public Optional<byte[]> peek(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.data().clone());
    }

    /**
     * Inspection for tests: when the record of a key expires.
     *
     * @param key the store key
     * @return the expiry instant, or empty when the key is absent
     */
    public Optional<Instant> expiryOf(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.expiresAt());
    }

    /**
     * For tests that simulate corruption: replaces the bytes of an existing key, keeping its
     * version and expiry.
     *
     * @param key the store key
     * @param record the new bytes
     * @return {@code true} if the key existed
     */
    public boolean overwrite(String key, byte[] record) {
        return entries.computeIfPresent(key, (k, e) -> new Entry(record.clone(), e.version(), e.expiresAt())) != null;
    }

    /**
     * Inspection for tests: the principal keys that have an index entry, and the store keys each
     * entry holds.
     *
     * @return a copy of the index, principal key to sorted store keys
     */
    public Map<String, List<String>> indexEntries() {
        Map<String, List<String>> copy = new TreeMap<>();
        index.forEach((pk, keys) -> copy.put(pk, List.copyOf(keys)));
        return copy;
    }

    /**
     * Every key held, expired or not, that starts with {@code prefix}.
     *
     * @param prefix the key prefix
     * @return the keys
     */
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String key : entries.keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public void close() {
        entries.clear();
        index.clear();
    }

    private Entry liveEntry(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!entry.isLive(clock.instant())) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    private static StoredRecord toRecord(Entry entry) {
        return new StoredRecord(entry.data().clone(), entry.version(), entry.expiresAt());
    }
}
