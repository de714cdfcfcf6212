package io.github.session4j.micrometer;

/** The names of session4j's meters, observations and tags (the README's table lists them). */
public final class MeterNames {

    /** Timer of each store call: tags {@code backend}, {@code operation}, {@code outcome}. */
    public static final String STORE_CALLS = "session4j.store.calls";
    /** Distribution summary of the records read and written, in bytes: tags {@code backend}, {@code operation}. */
    public static final String RECORD_SIZE = "session4j.record.size";
    /** Counter of conditional saves that lost a race: tag {@code backend}. */
    public static final String CONFLICTS = "session4j.commit.conflicts";
    /** Counter of commits' re-planned saves (after a lost race or a taken ID): tag {@code backend}. */
    public static final String RETRIES = "session4j.commit.retries";
    /** Counter of unreadable records: tags {@code backend}, {@code cause}. */
    public static final String UNREADABLE = "session4j.records.unreadable";
    /** Counter of new sessions stored: tag {@code backend}. */
    public static final String CREATED = "session4j.sessions.created";
    /** Counter of sessions moved to a new ID (regenerate, sign-in): tag {@code backend}. */
    public static final String REGENERATED = "session4j.sessions.regenerated";
    /** Counter of sessions invalidated (logout, sign-out): tag {@code backend}. */
    public static final String INVALIDATED = "session4j.sessions.invalidated";
    /** Counter of sessions moved from the old backend of a live migration: tag {@code backend} (the new one). */
    public static final String MIGRATED = "session4j.sessions.migrated";
    /** Gauge of live sessions, only where the backend counts cheaply: tag {@code backend}. */
    public static final String LIVE = "session4j.sessions.live";
    /** Observation of a request's session load: low-cardinality key {@code backend}. */
    public static final String LOAD_OBSERVATION = "session4j.load";
    /** Observation of a request's session commit: low-cardinality key {@code backend}. */
    public static final String COMMIT_OBSERVATION = "session4j.commit";

    /** Tag: the backend's name, such as {@code redis}. */
    public static final String BACKEND = "backend";
    /** Tag: the store operation, such as {@code load}. */
    public static final String OPERATION = "operation";
    /** Tag: how a store call ended: {@code ok}, {@code conflict}, {@code missing}, {@code error}. */
    public static final String OUTCOME = "outcome";
    /** Tag: why a record was unreadable: {@code tampered}, {@code corrupt}, {@code unknown_type}, {@code over_cap}. */
    public static final String CAUSE = "cause";

    private MeterNames() {
    }
}
