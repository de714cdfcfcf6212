package io.github.session4j.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The values a record keeps beside its attributes, in the record's extension section (see
 * {@link RecordFormat}): who signed in, when, this session's own idle timeout, and the label the
 * application gave it. Each is optional; {@link #none()} has none, and a record with none is
 * written exactly as records were before the section existed.
 *
 * <p>The core sets the idle timeout ({@link io.github.session4j.Session#setIdleTimeout}), the
 * principal and the sign-in time ({@link io.github.session4j.SessionContext#signIn}) and the label
 * ({@link io.github.session4j.SessionContext#setLabel}), and keeps every value over a rewrite.
 *
 * <p>Instances are immutable; {@code with...} methods return a copy.
 */
public final class RecordExtensions {

    /** The most UTF-8 bytes a principal may take in a record. */
    public static final int MAX_PRINCIPAL_BYTES = 1024;

    /** The most characters (UTF-16 code units) a label may have. */
    public static final int MAX_LABEL_LENGTH = 200;

    private static final RecordExtensions NONE = new RecordExtensions(null, null, null, null);

    private final String principal;
    private final Instant signedInAt;
    private final Duration idleTimeout;
    private final String label;

    private RecordExtensions(String principal, Instant signedInAt, Duration idleTimeout, String label) {
        this.principal = principal;
        this.signedInAt = signedInAt;
        this.idleTimeout = idleTimeout;
        this.label = label;
    }

    /**
     * No extension values: what every record without a signed-in user or an idle timeout of its
     * own holds.
     *
     * @return the empty extensions
     */
    public static RecordExtensions none() {
        return NONE;
    }

    /**
     * Extension values, each null when absent.
     *
     * @param principal the signed-in user's name, or null
     * @param signedInAt when the user signed in, or null
     * @param idleTimeout this session's idle timeout, or null for {@code PERMANENT_SESSION_LIFETIME}
     * @return the extensions
     * @throws IllegalArgumentException if the principal is empty, not well-formed UTF-16 (an
     *     unpaired surrogate) or over {@value #MAX_PRINCIPAL_BYTES} bytes in UTF-8, or the idle
     *     timeout is zero or negative
     */
    public static RecordExtensions of(String principal, Instant signedInAt, Duration idleTimeout) {
        return of(principal, signedInAt, idleTimeout, null);
    }

    /**
     * Extension values with a label, each null when absent.
     *
     * @param principal the signed-in user's name, or null
     * @param signedInAt when the user signed in, or null
     * @param idleTimeout this session's idle timeout, or null for {@code PERMANENT_SESSION_LIFETIME}
     * @param label the label the application gave the session, or null
     * @return the extensions
     * @throws IllegalArgumentException as {@link #of(String, Instant, Duration)}, or if the label is
     *     empty, over {@value #MAX_LABEL_LENGTH} characters or not well-formed UTF-16
     */
    public static RecordExtensions of(String principal, Instant signedInAt, Duration idleTimeout, String label) {
        if (principal != null) {
            checkPrincipal(principal);
        }
        if (idleTimeout != null && (idleTimeout.isZero() || idleTimeout.isNegative())) {
            throw new IllegalArgumentException("the idle timeout must be positive, was " + idleTimeout);
        }
        if (label != null) {
            checkLabel(label);
        }
        return principal == null && signedInAt == null && idleTimeout == null && label == null ? NONE
                : new RecordExtensions(principal, signedInAt, idleTimeout, label);
    }

    /**
     * The signed-in user's name.
     *
     * @return the principal, or empty when no user signed in
     */
    public Optional<String> principal() {
        return Optional.ofNullable(principal);
    }

    /**
     * When the user signed in; {@code SESSION_ABSOLUTE_LIFETIME} counts from it (DESIGN.md §9).
     *
     * @return the sign-in time, or empty
     */
    public Optional<Instant> signedInAt() {
        return Optional.ofNullable(signedInAt);
    }

    /**
     * This session's idle timeout, in place of {@code PERMANENT_SESSION_LIFETIME}.
     *
     * @return a positive duration, or empty for the configured lifetime
     */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    /**
     * The label the application gave the session, such as a device name.
     *
     * @return the label, or empty
     */
    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    /**
     * These values with another label.
     *
     * @param label the label, or null to remove it
     * @return the copy
     * @throws IllegalArgumentException as {@link #of(String, Instant, Duration, String)}
     */
    public RecordExtensions withLabel(String label) {
        return of(principal, signedInAt, idleTimeout, label);
    }

    /**
     * These values signed in as {@code principal} at {@code signedInAt}, or signed out when both
     * are null; the idle timeout and the label are kept.
     *
     * @param principal the signed-in user's name, or null
     * @param signedInAt when the user signed in, or null
     * @return the copy
     * @throws IllegalArgumentException as {@link #of(String, Instant, Duration, String)}
     */
    public RecordExtensions withSignIn(String principal, Instant signedInAt) {
        return of(principal, signedInAt, idleTimeout, label);
    }

    /**
     * These values with another principal.
     *
     * @param principal the signed-in user's name
     * @return the copy
     * @throws IllegalArgumentException as {@link #of}
     * @throws NullPointerException if {@code principal} is null
     */
    public RecordExtensions withPrincipal(String principal) {
        return of(Objects.requireNonNull(principal, "principal"), signedInAt, idleTimeout, label);
    }

    /**
     * These values with another sign-in time.
     *
     * @param signedInAt when the user signed in
     * @return the copy
     * @throws NullPointerException if {@code signedInAt} is null
     */
    public RecordExtensions withSignedInAt(Instant signedInAt) {
        return of(principal, Objects.requireNonNull(signedInAt, "signedInAt"), idleTimeout, label);
    }

    /**
     * These values with another idle timeout.
     *
     * @param idleTimeout this session's idle timeout
     * @return the copy
     * @throws IllegalArgumentException if it is zero or negative
     * @throws NullPointerException if {@code idleTimeout} is null
     */
    public RecordExtensions withIdleTimeout(Duration idleTimeout) {
        return of(principal, signedInAt, Objects.requireNonNull(idleTimeout, "idleTimeout"), label);
    }

    /**
     * Whether no value is set, so that the record is written without an extension section.
     *
     * @return true for {@link #none()}
     */
    public boolean isEmpty() {
        return this == NONE;
    }

    /** The principal in UTF-8, checked as {@link #of} checks it; the reader's check is the same. */
    static byte[] principalBytes(String principal) {
        return utf8(principal, "principal");
    }

    /** The label in UTF-8, checked as {@link #of(String, Instant, Duration, String)} checks it. */
    static byte[] labelBytes(String label) {
        return utf8(label, "label");
    }

    private static byte[] utf8(String text, String name) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the " + name + " holds an unpaired surrogate, which UTF-8 cannot keep");
        }
    }

    private static void checkLabel(String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("the label must not be empty (pass null to remove it)");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("the label is " + label.length() + " characters, over the "
                    + MAX_LABEL_LENGTH + " that a record keeps");
        }
        labelBytes(label);
    }

    private static void checkPrincipal(String principal) {
        if (principal.isEmpty()) {
            throw new IllegalArgumentException("the principal must not be empty");
        }
        int length = principalBytes(principal).length;
        if (length > MAX_PRINCIPAL_BYTES) {
            throw new IllegalArgumentException("the principal is " + length + " bytes in UTF-8, over the "
                    + MAX_PRINCIPAL_BYTES + " that a record keeps");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordExtensions that && Objects.equals(principal, that.principal)
                && Objects.equals(signedInAt, that.signedInAt) && Objects.equals(idleTimeout, that.idleTimeout)
                && Objects.equals(label, that.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principal, signedInAt, idleTimeout, label);
    }

    /** Says whether a principal is set, never which: it names a person. */
    @Override
    public String toString() {
        return "RecordExtensions[principal=" + (principal == null ? "none" : "set") + ", signedInAt="
                + (signedInAt == null ? "none" : signedInAt) + ", idleTimeout=" + (idleTimeout == null ? "none" : idleTimeout)
                + (label == null ? "" : ", label=set") + "]";
    }
}
