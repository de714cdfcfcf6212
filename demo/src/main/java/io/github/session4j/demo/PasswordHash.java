package io.github.session4j.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2 password hashes from the JDK, as {@code pbkdf2-sha512$iterations$salt$hash}
 * (base64). Checking compares in constant time.
 */
final class PasswordHash {

    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    private static final String TAG = "pbkdf2-sha512";
    /** OWASP's recommendation for PBKDF2-HMAC-SHA512 (2023). */
    static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 512;

    private PasswordHash() {
    }

    /** Hashes a password with a fresh random salt; used to make the demo users' hashes. */
    static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return TAG + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, ITERATIONS));
    }

    /** Whether {@code password} matches {@code stored}; the comparison takes the same time whatever matches. */
    static boolean matches(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(TAG)) {
            throw new IllegalArgumentException("not a " + TAG + " hash: expected " + TAG + "$iterations$salt$hash");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * Prints the hash of a password given on standard input, for adding a demo user:
     * {@code echo -n secret | java -cp session4j-demo.jar io.github.session4j.demo.PasswordHash}.
     *
     * @param args unused
     * @throws java.io.IOException if standard input cannot be read
     */
    public static void main(String[] args) throws java.io.IOException {
        String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.println(hash(password.toCharArray()));
    }
}
