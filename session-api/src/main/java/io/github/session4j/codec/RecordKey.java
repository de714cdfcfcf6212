package io.github.session4j.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys derived from one secret ({@code SECRET_KEY} or one of its fallbacks) with HKDF-SHA256
 * (RFC 5869): one for the record MAC and, per record, one AES-256 key from a random salt. Deriving
 * a fresh AES key for every record keeps random 96-bit GCM nonces safe however many records a
 * deployment writes under one secret.
 */
final class RecordKey {

    static final int MAC_LENGTH = 32;
    private static final String HMAC = "HmacSHA256";
    private static final byte[] EXTRACT_SALT = "session4j record keys v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAC_INFO = "session4j record mac".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AES_INFO = "session4j record aes-256-gcm".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prk;
    private final SecretKeySpec macKey;

    RecordKey(String secret) {
        this.prk = hmac(EXTRACT_SALT, secret.getBytes(StandardCharsets.UTF_8));
        this.macKey = new SecretKeySpec(expand(MAC_INFO, new byte[0]), HMAC);
    }

    /** HMAC-SHA256 over {@code prefix} then {@code length} bytes of {@code data}. */
    byte[] mac(byte[] prefix, byte[] data, int length) {
        Mac mac = newMac(macKey);
        mac.update(prefix);
        mac.update(data, 0, length);
        return mac.doFinal();
    }

    /** Compares in time independent of where the first difference is. */
    static boolean sameMac(byte[] expected, byte[] data, int offset) {
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(data, offset, offset + MAC_LENGTH));
    }

    /** The AES-256 key of one record, from that record's salt. */
    SecretKeySpec aesKey(byte[] recordSalt) {
        return new SecretKeySpec(expand(AES_INFO, recordSalt), "AES");
    }

    /** HKDF-Expand for a single 32-byte block: T(1) = HMAC(PRK, info || 0x01). */
    private byte[] expand(byte[] info, byte[] context) {
        Mac mac = newMac(new SecretKeySpec(prk, HMAC));
        mac.update(info);
        mac.update(context);
        mac.update((byte) 1);
        return mac.doFinal();
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        Mac mac = newMac(new SecretKeySpec(key, HMAC));
        return mac.doFinal(data);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no usable HmacSHA256", e);
        }
    }
}
