package io.github.session4j;

import io.github.session4j.codec.RecordExtensions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The principal rules of one manager, with no I/O: which principals are acceptable, the principal
 * key the index files a principal's sessions under, and the opaque handles of listed sessions.
 *
 * <p>Principal keys and handles are hashes: HMAC-SHA256 under {@code SECRET_KEY} when it is set,
 * else SHA-256, each over a label of its own ({@code session4j principal} or {@code session4j
 * handle}, a zero byte, then the input), so that neither can equal the hash of a session ID that
 * names a store key, nor each other. Both are base64url without padding: 43 characters. A handle
 * carries {@link #HANDLE_PREFIX} in front, whose {@code .} is outside the ID alphabet, so a handle
 * presented as a cookie fails the ID format check before any I/O.
 */
final class Principals {

    /** What every handle starts with; the dot keeps a handle from ever being a well-formed ID. */
    static final String HANDLE_PREFIX = "h.";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] PRINCIPAL_DOMAIN = "session4j principal\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HANDLE_DOMAIN = "session4j handle\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CURSOR_DOMAIN = "session4j cursor\0".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;

    /**
     * @param secretKey {@code SECRET_KEY}, or null
     */
    Principals(String secretKey) {
        this.secret = secretKey == null ? null : secretKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Refuses a principal that cannot be signed in; the message never holds the principal.
     *
     * @throws IllegalArgumentException if it is empty, holds a control character or an unpaired
     *     surrogate, or is over {@value RecordExtensions#MAX_PRINCIPAL_BYTES} bytes in UTF-8
     * @throws NullPointerException if it is null
     */
    static void check(String principal) {
        if (principal == null) {
            throw new NullPointerException("principal");
        }
        if (principal.isEmpty()) {
            throw new IllegalArgumentException("the principal must not be empty: sign in with the user's name");
        }
        for (int i = 0; i < principal.length(); i++) {
            char c = principal.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException("the principal holds a control character (U+"
                        + String.format("%04X", (int) c) + ") at index " + i + "; a user name must not");
            }
        }
        RecordExtensions.of(principal, null, null); // the record's own rules: well-formed UTF-16, at most MAX_PRINCIPAL_BYTES
    }

    /** The principal key of an acceptable principal: what the index files its sessions under. */
    String keyOf(String principal) {
        return ENCODER.encodeToString(hash(PRINCIPAL_DOMAIN, principal.getBytes(StandardCharsets.UTF_8)));
    }

    /** The handle of the session stored under {@code storeKey}. */
    String handleOf(String storeKey) {
        return HANDLE_PREFIX + ENCODER.encodeToString(hash(HANDLE_DOMAIN, storeKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** The check value that binds a paging cursor to the principal key it was made for. */
    String cursorTag(String principalKey, String after) {
        byte[] input = (principalKey + "\0" + after).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(hash(CURSOR_DOMAIN, input)).substring(0, 22);
    }

    private byte[] hash(byte[] domain, byte[] input) {
        try {
            if (secret != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                mac.update(domain);
                return mac.doFinal(input);
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(domain);
            return digest.digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 and SHA-256 are required of every Java platform", e);
        }
    }
}
