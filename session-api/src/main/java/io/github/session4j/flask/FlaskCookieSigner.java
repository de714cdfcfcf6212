package io.github.session4j.flask;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cookie of Flask-Session's {@code SESSION_USE_SIGNER=True}: the session ID, a {@code .}, and
 * the base64url (unpadded) HMAC-SHA1 of the ID, as itsdangerous' {@code Signer(secret_key,
 * salt="flask-session", key_derivation="hmac")} makes it. The signing key is
 * HMAC-SHA1({@code SECRET_KEY}, {@code "flask-session"}), never the secret itself.
 *
 * <p>{@link #unsign} checks the signature in constant time against {@code SECRET_KEY} and then each
 * of {@code SECRET_KEY_FALLBACKS} (as itsdangerous does with a list of keys); a cookie that fails
 * is "no session". Instances are immutable and thread-safe.
 */
public final class FlaskCookieSigner {

    /** itsdangerous' salt for Flask-Session's signer. */
    public static final String SALT = "flask-session";

    private static final String HMAC_SHA1 = "HmacSHA1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<byte[]> keys;

    /**
     * A signer for {@code secretKey}, accepting also the signatures of {@code fallbackKeys}.
     *
     * @param secretKey {@code SECRET_KEY}, as Flask's {@code app.secret_key} (UTF-8)
     * @param fallbackKeys {@code SECRET_KEY_FALLBACKS}, older keys accepted when checking
     * @throws NullPointerException if an argument is null
     */
    public FlaskCookieSigner(String secretKey, List<String> fallbackKeys) {
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(fallbackKeys, "fallbackKeys");
        List<byte[]> derived = new ArrayList<>();
        derived.add(derive(secretKey));
        fallbackKeys.forEach(k -> derived.add(derive(k)));
        this.keys = List.copyOf(derived);
    }

    /**
     * The cookie value for a session ID: {@code id + "." + signature}.
     *
     * @param id the session ID
     * @return the signed value
     */
    public String sign(String id) {
        return id + "." + ENCODER.encodeToString(mac(keys.get(0), id));
    }

    /**
     * The session ID inside a signed cookie value, when its signature verifies under one of the keys.
     *
     * @param value the cookie value
     * @return the ID, or empty when the value has no signature or a wrong one
     */
    public Optional<String> unsign(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String id = value.substring(0, dot);
        byte[] given;
        try {
            given = DECODER.decode(value.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean ok = false;
        for (byte[] key : keys) {
            ok |= MessageDigest.isEqual(mac(key, id), given); // every key is tried: the time does not tell which
        }
        return ok ? Optional.of(id) : Optional.empty();
    }

    private static byte[] derive(String secret) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), SALT.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(byte[] key, String id) {
        return hmac(key, id.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(key, HMAC_SHA1));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "FlaskCookieSigner[salt=" + SALT + ", key derivation hmac, " + keys.size() + " key(s)]";
    }
}
