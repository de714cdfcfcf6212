package io.github.session4j.codec;

import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The cryptographic side of the envelope: HMAC-SHA256 signatures and AES-256-GCM sealing, each
 * bound to the record's store key, checked against {@code SECRET_KEY} and then each fallback.
 */
final class RecordSeal {

    static final int SALT_LENGTH = 16;
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    /** What sealing adds to the plain body: salt, nonce and GCM tag. */
    static final int SEAL_OVERHEAD = SALT_LENGTH + NONCE_LENGTH + TAG_LENGTH;

    private static final String AES_GCM = "AES/GCM/NoPadding";

    /** Starts every frame MAC's input; a record's MAC input starts with "S4J" and a version byte of 1, 2 or 3. */
    private static final byte[] FRAME_DOMAIN = {'S', '4', 'J', 'D'};

    private final List<RecordKey> keys;
    private final SecureRandom random = new SecureRandom();

    /** @param keys {@code SECRET_KEY} first, then the fallbacks; empty when no key is configured */
    RecordSeal(List<RecordKey> keys) {
        this.keys = List.copyOf(keys);
    }

    boolean hasKey() {
        return !keys.isEmpty();
    }

    /** The store key, length-prefixed, so that the MAC input splits in exactly one way. */
    static byte[] bind(String storeKey) {
        byte[] key = storeKey.getBytes(StandardCharsets.UTF_8);
        byte[] bound = Arrays.copyOf(new byte[] {
            (byte) (key.length >>> 24), (byte) (key.length >>> 16), (byte) (key.length >>> 8), (byte) key.length}, 4 + key.length);
        System.arraycopy(key, 0, bound, 4, key.length);
        return bound;
    }

    /** The MAC under {@code SECRET_KEY} of the first {@code length} bytes of {@code data}. */
    byte[] sign(byte[] boundKey, byte[] data, int length) {
        return keys.get(0).mac(boundKey, data, length);
    }

    /**
     * Verifies the MAC that follows the first {@code length} bytes of {@code data}.
     *
     * @return the index of the key that verified it: 0 for {@code SECRET_KEY}, more for a fallback
     */
    int verify(byte[] boundKey, byte[] data, int length) {
        for (int i = 0; i < keys.size(); i++) {
            if (RecordKey.sameMac(keys.get(i).mac(boundKey, data, length), data, length)) {
                return i;
            }
        }
        throw new UnreadableRecordException(Reason.BAD_MAC, "the record's MAC does not verify under SECRET_KEY"
                + " nor any of the " + (keys.size() - 1) + " SECRET_KEY_FALLBACKS: it was changed, moved to another"
                + " store key, or signed with a key that is no longer configured");
    }

    /**
     * The MAC under {@code SECRET_KEY} of a delta frame: it covers a domain tag, the MAC before it
     * in the chain (the base record's or the previous frame's) and the frame's first {@code length}
     * bytes, so that a frame cannot be moved to another record, reordered or changed.
     */
    byte[] signFrame(byte[] boundKey, byte[] previousMac, byte[] frame, int length) {
        byte[] input = frameInput(previousMac, frame, 0, length, 0);
        return keys.get(0).mac(boundKey, input, input.length);
    }

    /**
     * Verifies the MAC that follows a delta frame at {@code frame[from..to)}.
     *
     * @return the index of the key that verified it: 0 for {@code SECRET_KEY}, more for a fallback
     */
    int verifyFrame(byte[] boundKey, byte[] previousMac, byte[] frame, int from, int to) {
        byte[] input = frameInput(previousMac, frame, from, to, RecordKey.MAC_LENGTH);
        System.arraycopy(frame, to, input, input.length - RecordKey.MAC_LENGTH, RecordKey.MAC_LENGTH);
        return verify(boundKey, input, input.length - RecordKey.MAC_LENGTH);
    }

    private static byte[] frameInput(byte[] previousMac, byte[] frame, int from, int to, int room) {
        byte[] input = new byte[FRAME_DOMAIN.length + previousMac.length + (to - from) + room];
        System.arraycopy(FRAME_DOMAIN, 0, input, 0, FRAME_DOMAIN.length);
        System.arraycopy(previousMac, 0, input, FRAME_DOMAIN.length, previousMac.length);
        System.arraycopy(frame, from, input, FRAME_DOMAIN.length + previousMac.length, to - from);
        return input;
    }

    /**
     * Seals a body: salt, nonce, then the ciphertext and its tag, under a key derived from
     * {@code SECRET_KEY} and a fresh salt, authenticating {@code boundKey} and {@code header} too.
     */
    byte[] seal(byte[] boundKey, byte[] header, byte[] body) {
        byte[] saltAndNonce = new byte[SALT_LENGTH + NONCE_LENGTH];
        random.nextBytes(saltAndNonce);
        byte[] out = Arrays.copyOf(saltAndNonce, saltAndNonce.length + body.length + TAG_LENGTH);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(0), saltAndNonce, boundKey, header);
            cipher.doFinal(body, 0, body.length, out, saltAndNonce.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK could not seal with AES-256-GCM", e);
        }
        return out;
    }

    /** The body of a sealed record, and the index of the key that opened it. */
    Opened open(byte[] boundKey, byte[] header, byte[] sealed, int offset) {
        byte[] saltAndNonce = Arrays.copyOfRange(sealed, offset, offset + SALT_LENGTH + NONCE_LENGTH);
        int cipherStart = offset + saltAndNonce.length;
        for (int i = 0; i < keys.size(); i++) {
            try {
                Cipher cipher = cipher(Cipher.DECRYPT_MODE, keys.get(i), saltAndNonce, boundKey, header);
                return new Opened(cipher.doFinal(sealed, cipherStart, sealed.length - cipherStart), i);
            } catch (AEADBadTagException e) {
                // not this key: try the next fallback
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK could not open AES-256-GCM", e);
            }
        }
        throw new UnreadableRecordException(Reason.BAD_MAC, "the encrypted record does not authenticate under"
                + " SECRET_KEY nor any of the " + (keys.size() - 1) + " SECRET_KEY_FALLBACKS: it was changed, moved"
                + " to another store key, or sealed with a key that is no longer configured");
    }

    /** A decrypted body and the index of the key that opened it. */
    record Opened(byte[] body, int keyIndex) {
    }

    private static Cipher cipher(int mode, RecordKey key, byte[] saltAndNonce, byte[] boundKey, byte[] header)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(AES_GCM);
        cipher.init(mode, key.aesKey(Arrays.copyOf(saltAndNonce, SALT_LENGTH)),
                new GCMParameterSpec(TAG_LENGTH * 8, saltAndNonce, SALT_LENGTH, NONCE_LENGTH));
        cipher.updateAAD(boundKey);
        cipher.updateAAD(header);
        cipher.updateAAD(saltAndNonce);
        return cipher;
    }
}
