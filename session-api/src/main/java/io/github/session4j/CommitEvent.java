package io.github.session4j;

import java.util.Objects;

/**
 * What one request's commit did, as a {@link SessionObserver} sees it. It never names the session.
 *
 * @param kind which commit rule applied
 * @param conflicts conditional saves of this commit that lost a race with another request
 * @param retries times this commit planned and ran its saves again: after a lost race whose
 *     session still existed, or after a freshly generated ID was found taken
 * @param migrated whether the session was read from the old backend of a live migration
 *     ({@code SESSION_MIGRATE_FROM}) and written to the new one by this commit
 */
public record CommitEvent(Kind kind, int conflicts, int retries, boolean migrated) {

    /**
     * Checks the arguments.
     *
     * @param kind which commit rule applied
     * @param conflicts lost races of this commit
     * @param retries re-planned saves of this commit
     * @param migrated whether the session came from the old backend of a live migration
     * @throws NullPointerException if {@code kind} is null
     */
    public CommitEvent {
        Objects.requireNonNull(kind, "kind");
    }

    /** The commit rules (DESIGN.md §4), as they ended. */
    public enum Kind {
        /** The session was never used: no store call. */
        UNTOUCHED,
        /** A new session that stayed empty: nothing stored, no cookie. */
        NEW_EMPTY,
        /** A new session with data was created under a new ID. */
        CREATED,
        /** A session was invalidated (deleted; created anew under a new ID if it was refilled). */
        INVALIDATED,
        /** A stored session was only read: at most an expiry refresh. */
        READ,
        /** A stored session changed and was saved. */
        MODIFIED,
        /** A stored session moved to a new ID. */
        REGENERATED,
        /** A stored session's lifetime ran out during the request: deleted. */
        EXPIRED,
        /** The session was deleted, invalidated or regenerated meanwhile by another request, and stays gone. */
        GONE
    }
}
