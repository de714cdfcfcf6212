package io.github.session4j;

import io.github.session4j.spi.IndexChange;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a commit writes and sends, decided before any I/O by the {@link CommitPlanner} and carried
 * out by the {@link CommitExecutor}: the store steps in order, then the response headers, which
 * hold once every step succeeded.
 *
 * @param kind which commit rule of DESIGN.md §4 made the plan
 * @param steps the store calls, in order
 * @param headers the response headers, in order
 */
record CommitPlan(Kind kind, List<Step> steps, List<ResponseHeader> headers) {

    CommitPlan {
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        headers = List.copyOf(headers);
    }

    /** The commit rules. */
    enum Kind {
        /** The session was never used: no store call, no header. */
        UNTOUCHED,
        /** A new session that stays empty: nothing stored, no cookie. */
        NEW_EMPTY,
        /** A new session with data: created under a new ID. */
        NEW,
        /** An invalidated session: deleted, and created anew under a new ID if it was refilled. */
        INVALIDATED,
        /** A stored session that was only read: at most an expiry refresh. */
        READ,
        /** A stored session that changed (or must be rewritten): one conditional save. */
        MODIFIED,
        /** A stored session moved to a new ID: created there, its old key claimed by a tombstone. */
        REGENERATED,
        /** A stored session whose lifetime ran out during the request: deleted. */
        EXPIRED,
        /** A stored session deleted, invalidated or regenerated meanwhile by another request: it stays gone. */
        GONE
    }

    /** One store call of a plan. */
    sealed interface Step {
        /** The store key the step writes. */
        String key();
    }

    /**
     * Create-if-absent; failing means the new ID is taken, and the plan is made again with
     * another. {@code index} is {@link IndexChange#add} for a signed-in session on an indexing
     * manager, else {@link IndexChange#none()}.
     */
    record Create(String key, byte[] record, Duration ttl, IndexChange index) implements Step {
        Create(String key, byte[] record, Duration ttl) {
            this(key, record, ttl, IndexChange.none());
        }
    }

    /** Replace-if-version-matches with the whole record; failing means a lost race. */
    record Replace(String key, byte[] record, long version, Duration ttl) implements Step {
    }

    /**
     * A delta frame appended after the stored record {@code base}, if its version matches;
     * failing means a lost race.
     */
    record Append(String key, RecordBytes base, byte[] frame, long version, Duration ttl) implements Step {
    }

    /**
     * The old key of a regenerated session replaced by an empty record, if its version matches,
     * so that a slower request cannot save into it; failing means a lost race, and what this plan
     * created is deleted again.
     */
    record Tombstone(String key, long version, Duration ttl, IndexChange index) implements Step {
        Tombstone(String key, long version, Duration ttl) {
            this(key, version, ttl, IndexChange.none());
        }
    }

    /**
     * An unconditional delete; of a signed-in session on an indexing manager, with its principal
     * key, so that the delete takes the key out of the index too ({@link io.github.session4j.spi.PrincipalIndex#deleteIndexed}).
     */
    record Delete(String key, String principalKey) implements Step {
        Delete(String key) {
            this(key, null);
        }
    }

    /** An expiry refresh without rewriting the data. */
    record Touch(String key, Duration ttl) implements Step {
    }
}
