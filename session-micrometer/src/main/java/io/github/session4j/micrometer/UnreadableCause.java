package io.github.session4j.micrometer;

import io.github.session4j.codec.UnreadableRecordException.Reason;

/** The {@code cause} tag of {@value MeterNames#UNREADABLE}: the record refusals grouped as an operator reads them. */
enum UnreadableCause {
    /** The MAC failed or is missing, or a MAC came where none was expected: someone changed the record. */
    TAMPERED,
    /** Truncated, malformed, of an unknown format or a newer envelope version. */
    CORRUPT,
    /** The payload holds a registered value type that this application does not register. */
    UNKNOWN_TYPE,
    /** Over {@code SESSION_MAX_SIZE} or {@code SESSION_MAX_DEPTH}. */
    OVER_CAP;

    static UnreadableCause of(Reason reason) {
        return switch (reason) {
            case BAD_MAC, MISSING_MAC, UNEXPECTED_MAC -> TAMPERED;
            case TRUNCATED, UNKNOWN_FORMAT, UNSUPPORTED_VERSION, MALFORMED_PAYLOAD -> CORRUPT;
            case UNKNOWN_VALUE_TYPE -> UNKNOWN_TYPE;
            case TOO_LARGE, TOO_DEEP -> OVER_CAP;
        };
    }

    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
