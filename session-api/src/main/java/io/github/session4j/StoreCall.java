package io.github.session4j;

import java.util.Objects;

/**
 * One call of a {@link SessionManager} to its store, as a {@link SessionObserver} sees it: which
 * operation, on which backend, how it ended and how long it took. It never names the key.
 *
 * @param operation what was asked of the store
 * @param outcome how it ended
 * @param backend the backend's name, such as {@code redis} (during a live migration the old
 *     backend's calls carry the old backend's name)
 * @param durationNanos how long the call took, in nanoseconds
 * @param recordBytes the size of the record read or written, or -1 when the call moved no record
 *     (a miss, a delete, a touch, a revalidation that found the kept copy current, a tombstone, or
 *     an append, whose frame is not a record)
 */
public record StoreCall(Operation operation, Outcome outcome, String backend, long durationNanos, int recordBytes) {

    /**
     * Checks the arguments.
     *
     * @param operation what was asked of the store
     * @param outcome how it ended
     * @param backend the backend's name
     * @param durationNanos how long the call took, in nanoseconds
     * @param recordBytes the size of the record read or written, or -1
     * @throws NullPointerException if {@code operation}, {@code outcome} or {@code backend} is null
     */
    public StoreCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(backend, "backend");
    }

    /** The store operations, one per call of the backend contract. */
    public enum Operation {
        /** A read of a record ({@code load}, or {@code loadAndTouch} where the read refreshes the expiry). */
        LOAD,
        /** A create-if-absent. */
        CREATE,
        /** A replace-if-version-matches (also the tombstone of a regenerated session). */
        REPLACE,
        /** An append of a delta frame, if the version matches. */
        APPEND,
        /** A delete. */
        DELETE,
        /** An expiry refresh without rewriting the record. */
        TOUCH,
        /** A revalidation of a record kept in the record cache. */
        REVALIDATE
    }

    /** How a store call ended. */
    public enum Outcome {
        /** It did what was asked: found the record, wrote, deleted, refreshed. */
        OK,
        /** A conditional write lost a race: the key was taken, or the version had changed. */
        CONFLICT,
        /** A read found no record. */
        MISSING,
        /** The store failed: the call threw. */
        ERROR
    }
}
