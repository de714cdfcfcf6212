package io.github.session4j.codec;

import io.github.session4j.SessionException;
import java.util.Objects;

/**
 * A stored record cannot be turned back into a session: it is truncated, of an unknown format or
 * version, fails its MAC, is over a cap, or its payload is malformed. The manager treats such a
 * record as no session, deletes it and counts it; it is never a server error.
 *
 * <p>Messages never contain the record's bytes or any value it holds: a tampered record is
 * attacker-controlled text and must not reach a log verbatim.
 */
public class UnreadableRecordException extends SessionException {

    private static final long serialVersionUID = 1L;

    /** Why a record was refused. */
    public enum Reason {
        /** The record ends before its header, extension section or payload does. */
        TRUNCATED,
        /** The record does not start with the session4j magic bytes, or names an unknown codec. */
        UNKNOWN_FORMAT,
        /**
         * The envelope version or a flag is newer than this library understands, or the record
         * holds a critical extension field it does not know.
         */
        UNSUPPORTED_VERSION,
        /** The MAC (or the AES-GCM tag) does not verify under {@code SECRET_KEY} nor any fallback key. */
        BAD_MAC,
        /** {@code SECRET_KEY} is set but the record carries no MAC: tampered or downgraded. */
        MISSING_MAC,
        /** The record carries a MAC or is encrypted, but no {@code SECRET_KEY} is configured. */
        UNEXPECTED_MAC,
        /**
         * The record or its payload is larger than {@code SESSION_MAX_SIZE}, or its extension
         * section is over its own cap of 4096 bytes.
         */
        TOO_LARGE,
        /** The payload nests deeper than {@code SESSION_MAX_DEPTH}. */
        TOO_DEEP,
        /** The payload holds a registered value type whose tag is not registered here. */
        UNKNOWN_VALUE_TYPE,
        /**
         * The payload is not a well-formed tagged tree of documented values, or the extension
         * section's fields are malformed.
         */
        MALFORMED_PAYLOAD
    }

    /** Why the record was refused. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the record was refused
     * @param message what was wrong, without the record's bytes or values
     */
    public UnreadableRecordException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the record was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
