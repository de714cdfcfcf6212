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
 * {@link RecordFormat}): who signed in, when, and this session's own idle timeout. Each is
 * optional; {@link #none()} has none, and a record with none is written exactly as records were
 * before the section existed.
 *
 * <p>The core sets the idle timeout ({@link io.github.session4j.Session#setIdleTimeout}) and keeps
 * every value over a rewrite; the principal and the sign-in time are not set yet: signing in
 * (DESIGN.md §9) will.
 *
 * <p>Instances are immutable; {@code with...} methods return a copy.
 */
public final class RecordExtensions {

    /** The most UTF-8 bytes a principal may take in a record. */
    public static final int MAX_PRINCIPAL_BYTES = 1024;

    private static final RecordExtensions NONE = new RecordExtensions(null, null, null);

    private final String principal;
    private final Instant signedInAt;
    private final Duration idleTimeout;

    private RecordExtensions(String principal, Instant signedInAt, Duration idleTimeout) {
        this.principal = principal;
        this.signedInAt = signedInAt;
        this.idleTimeout = idleTimeout;
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
        if (principal != null) {
            checkPrincipal(principal);
        }
        if (idleTimeout != null && (idleTimeout.isZero() || idleTimeout.isNegative())) {
            throw new IllegalArgumentException("the idle timeout must be positive, was " + idleTimeout);
        }
        return principal == null && signedInAt == null && idleTimeout == null ? NONE
                : new RecordExtensions(principal, signedInAt, idleTimeout);
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
     * These values with another principal.
     *
     * @param principal the signed-in user's name
     * @return the copy
     * @throws IllegalArgumentException as {@link #of}
     * @throws NullPointerException if {@code principal} is null
     */
    public RecordExtensions withPrincipal(String principal) {
        return of(Objects.requireNonNull(principal, "principal"), signedInAt, idleTimeout);
    }

    /**
     * These values with another sign-in time.
     *
     * @param signedInAt when the user signed in
     * @return the copy
     * @throws NullPointerException if {@code signedInAt} is null
     */
    public RecordExtensions withSignedInAt(Instant signedInAt) {
        return of(principal, Objects.requireNonNull(signedInAt, "signedInAt"), idleTimeout);
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
        return of(principal, signedInAt, Objects.requireNonNull(idleTimeout, "idleTimeout"));
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
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(principal));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the principal holds an unpaired surrogate, which UTF-8 cannot keep");
        }
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
                && Objects.equals(signedInAt, that.signedInAt) && Objects.equals(idleTimeout, that.idleTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principal, signedInAt, idleTimeout);
    }

    /** Says whether a principal is set, never which: it names a person. */
    @Override
    public String toString() {
        return "RecordExtensions[principal=" + (principal == null ? "none" : "set") + ", signedInAt="
                + (signedInAt == null ? "none" : signedInAt) + ", idleTimeout=" + (idleTimeout == null ? "none" : idleTimeout) + "]";
    }
}
