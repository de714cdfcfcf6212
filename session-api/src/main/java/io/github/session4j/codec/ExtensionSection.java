package io.github.session4j.codec;

import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * The extension section of a version 3 record: {@link RecordExtensions} as tagged fields.
 *
 * <p>Layout (integers big-endian): section length (4) | fields, each {@code tag (1) | length (2) |
 * value}, in strictly ascending order of tag (so each tag at most once, and one encoding per
 * value). A tag of 128 or more is <em>critical</em>: a reader that does not know it refuses the
 * record ({@code UNSUPPORTED_VERSION}); a reader skips an unknown tag under 128. Known tags:
 * <ul>
 *   <li>1, principal: UTF-8, 1 to {@value RecordExtensions#MAX_PRINCIPAL_BYTES} bytes;</li>
 *   <li>2, sign-in time: epoch seconds (8) | nanos (4);</li>
 *   <li>3, idle timeout: seconds (8) | nanos (4), positive;</li>
 *   <li>4, label: UTF-8, 1 to {@value #MAX_LABEL_BYTES} bytes (added with signed-in sessions; a record
 *       without it reads as before, and an older reader skips it, as a tag under 128).</li>
 * </ul>
 * The section is at most {@value #MAX_LENGTH} bytes, whatever {@code SESSION_MAX_SIZE} allows.
 */
final class ExtensionSection {

    /** The most bytes a section may declare: what a reader spends on it is bounded without the payload's cap. */
    static final int MAX_LENGTH = 4096;
    /** Tags from here up are critical: a reader that does not know one refuses the record. */
    static final int CRITICAL = 0x80;
    static final int PRINCIPAL = 1;
    static final int SIGNED_IN_AT = 2;
    static final int IDLE_TIMEOUT = 3;
    static final int LABEL = 4;
    /** A label of {@value RecordExtensions#MAX_LABEL_LENGTH} UTF-16 units takes at most three bytes each in UTF-8. */
    static final int MAX_LABEL_BYTES = 3 * RecordExtensions.MAX_LABEL_LENGTH;
    private static final int FIELD_HEADER = 1 + 2;
    private static final int TIME_LENGTH = 8 + 4;

    private ExtensionSection() {
    }

    /** Writes the section length and the fields of {@code extensions}. */
    static void write(BoundedOutput out, RecordExtensions extensions) {
        int lengthAt = (int) out.count();
        out.writeInt(0);
        extensions.principal().ifPresent(principal -> {
            byte[] bytes = RecordExtensions.principalBytes(principal);
            field(out, PRINCIPAL, bytes.length);
            out.write(bytes, 0, bytes.length);
        });
        extensions.signedInAt().ifPresent(at -> {
            field(out, SIGNED_IN_AT, TIME_LENGTH);
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
        });
        extensions.idleTimeout().ifPresent(timeout -> {
            field(out, IDLE_TIMEOUT, TIME_LENGTH);
            out.writeLong(timeout.getSeconds());
            out.writeInt(timeout.getNano());
        });
        extensions.label().ifPresent(label -> {
            byte[] bytes = RecordExtensions.labelBytes(label);
            field(out, LABEL, bytes.length);
            out.write(bytes, 0, bytes.length);
        });
        out.setInt(lengthAt, (int) (out.count() - lengthAt - 4));
    }

    private static void field(BoundedOutput out, int tag, int length) {
        out.write(tag);
        out.write(length >>> 8);
        out.write(length);
    }

    /**
     * Reads the fields in {@code bytes[from..to)}, the section after its length.
     *
     * @throws UnreadableRecordException if a field is malformed or critical and unknown
     */
    static RecordExtensions read(byte[] bytes, int from, int to) {
        String principal = null;
        Instant signedInAt = null;
        Duration idleTimeout = null;
        String label = null;
        int previousTag = -1;
        for (int at = from; at < to;) {
            if (to - at < FIELD_HEADER) {
                throw malformed("the record's extension section ends inside a field's tag and length");
            }
            int tag = bytes[at] & 0xff;
            int length = ((bytes[at + 1] & 0xff) << 8) | (bytes[at + 2] & 0xff);
            int value = at + FIELD_HEADER;
            if (length > to - value) {
                throw malformed("extension field " + tag + " runs past the end of the record's extension section");
            }
            if (tag <= previousTag) {
                throw malformed("the record's extension fields are not in ascending order of tag (field " + tag
                        + " follows field " + previousTag + ")");
            }
            switch (tag) {
                case PRINCIPAL -> principal = principal(bytes, value, length);
                case SIGNED_IN_AT -> signedInAt = instant(bytes, value, length);
                case IDLE_TIMEOUT -> idleTimeout = duration(bytes, value, length);
                case LABEL -> label = label(bytes, value, length);
                default -> {
                    if (tag >= CRITICAL) {
                        throw new UnreadableRecordException(Reason.UNSUPPORTED_VERSION, "the record has critical extension"
                                + " field " + tag + ", which this session4j does not know (was it written by a newer"
                                + " session4j?)");
                    }
                    // unknown and not critical: written by a newer session4j for readers that may ignore it
                }
            }
            previousTag = tag;
            at = value + length;
        }
        try {
            return RecordExtensions.of(principal, signedInAt, idleTimeout, label);
        } catch (IllegalArgumentException e) {
            throw malformed("the record's extension section holds a value session4j would not write: " + e.getMessage());
        }
    }

    private static String principal(byte[] bytes, int at, int length) {
        return text(bytes, at, length, PRINCIPAL, "principal", RecordExtensions.MAX_PRINCIPAL_BYTES);
    }

    private static String label(byte[] bytes, int at, int length) {
        return text(bytes, at, length, LABEL, "label", MAX_LABEL_BYTES);
    }

    /** A text field: 1 to {@code max} bytes of well-formed UTF-8. */
    private static String text(byte[] bytes, int at, int length, int tag, String name, int max) {
        if (length == 0 || length > max) {
            throw malformed("extension field " + tag + " (" + name + ") is " + length + " bytes, but a " + name + " is 1 to " + max);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, at, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("extension field " + tag + " (" + name + ") is not well-formed UTF-8");
        }
    }

    private static Instant instant(byte[] bytes, int at, int length) {
        checkTimeLength(SIGNED_IN_AT, "sign-in time", length);
        int nanos = RecordFormat.readInt(bytes, at + 8);
        String impossible = "extension field " + SIGNED_IN_AT + " (sign-in time) holds an impossible time";
        if (nanos < 0 || nanos > 999_999_999) {
            throw malformed(impossible);
        }
        try {
            return Instant.ofEpochSecond(RecordFormat.readLong(bytes, at), nanos);
        } catch (DateTimeException e) {
            throw malformed(impossible);
        }
    }

    private static Duration duration(byte[] bytes, int at, int length) {
        checkTimeLength(IDLE_TIMEOUT, "idle timeout", length);
        long seconds = RecordFormat.readLong(bytes, at);
        int nanos = RecordFormat.readInt(bytes, at + 8);
        if (nanos < 0 || nanos > 999_999_999 || seconds < 0 || seconds == 0 && nanos == 0) {
            throw malformed("extension field " + IDLE_TIMEOUT + " (idle timeout) is not a positive duration");
        }
        return Duration.ofSeconds(seconds, nanos);
    }

    private static void checkTimeLength(int tag, String name, int length) {
        if (length != TIME_LENGTH) {
            throw malformed("extension field " + tag + " (" + name + ") is " + length + " bytes, but it is " + TIME_LENGTH);
        }
    }

    private static UnreadableRecordException malformed(String message) {
        return new UnreadableRecordException(Reason.MALFORMED_PAYLOAD, message);
    }
}
