package io.github.session4j;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates session IDs, checks their format before any I/O, and derives store keys from them.
 *
 * <p>An ID is {@code SESSION_ID_LENGTH} bytes from {@link SecureRandom}, encoded as base64url
 * without padding. A presented ID is accepted only if it has exactly the length such an encoding
 * has and only base64url characters; anything else means "no session" and costs no store call.
 */
final class SessionIds {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final int byteLength;
    private final int encodedLength;
    private final String keyPrefix;
    private final boolean rawKeys;

    SessionIds(int byteLength, String keyPrefix) {
        this(byteLength, keyPrefix, false);
    }

    /** With {@code rawKeys} (SESSION_RECORD_FORMAT=flask-session) the store key is the prefix and the raw ID, as Flask-Session's. */
    SessionIds(int byteLength, String keyPrefix, boolean rawKeys) {
        this.rawKeys = rawKeys;
        this.byteLength = byteLength;
        this.encodedLength = (byteLength * 4 + 2) / 3;
        this.keyPrefix = keyPrefix;
    }

    /** A fresh random ID. */
    String newId() {
        byte[] bytes = new byte[byteLength];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether {@code candidate} has the exact length and alphabet of an ID this generator makes. */
    boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != encodedLength) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    /**
     * The store key of an ID: the prefix and the base64url SHA-256 of the ID, so that a leaked
     * store dump does not hand out live cookies.
     */
    String storeKey(String id) {
        if (rawKeys) {
            return keyPrefix + id;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
            return keyPrefix + ENCODER.encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
