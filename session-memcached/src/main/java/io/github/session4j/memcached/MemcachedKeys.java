package io.github.session4j.memcached;

import io.github.session4j.config.CoreKeys;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Memcached's key rules: at most 250 bytes, no spaces and no control characters.
 *
 * <p>The core hands in {@code SESSION_KEY_PREFIX} followed by a 43-character base64url hash of the
 * session ID, so a key always fits when the prefix does; the prefix is checked once, at start-up.
 */
final class MemcachedKeys {

    /** The longest key memcached accepts, in bytes. */
    static final int MAX_KEY_BYTES = 250;
    /** The length of the hashed ID that the core appends to the prefix (SHA-256 in base64url). */
    static final int HASHED_ID_LENGTH = 43;
    /** The longest prefix that leaves room for the hashed ID. */
    static final int MAX_PREFIX_BYTES = MAX_KEY_BYTES - HASHED_ID_LENGTH;

    private MemcachedKeys() {
    }

    /**
     * Checks the key prefix against memcached's rules.
     *
     * @param prefix the configured {@code SESSION_KEY_PREFIX}
     * @return a description of the problem, or empty when the prefix is usable
     */
    static Optional<String> checkPrefix(String prefix) {
        int bytes = prefix.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PREFIX_BYTES) {
            return Optional.of(CoreKeys.SESSION_KEY_PREFIX + " is " + bytes + " bytes long but memcached keys are at most "
                    + MAX_KEY_BYTES + " bytes and the hashed session ID takes " + HASHED_ID_LENGTH
                    + ": use a prefix of at most " + MAX_PREFIX_BYTES + " bytes");
        }
        if (hasForbiddenCharacter(prefix)) {
            return Optional.of(CoreKeys.SESSION_KEY_PREFIX + " was '" + printable(prefix)
                    + "' but memcached keys cannot contain spaces or control characters: use a prefix such as session:");
        }
        return Optional.empty();
    }

    /**
     * Checks one key before it is sent.
     *
     * @param key the store key
     * @return the key
     * @throws IllegalArgumentException if memcached would refuse the key
     */
    static String check(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES || bytes == 0 || hasForbiddenCharacter(key)) {
            throw new IllegalArgumentException("memcached cannot store the key '" + printable(key) + "' (" + bytes
                    + " bytes): keys must be 1 to " + MAX_KEY_BYTES + " bytes without spaces or control characters;"
                    + " check " + CoreKeys.SESSION_KEY_PREFIX);
        }
        return key;
    }

    private static boolean hasForbiddenCharacter(String text) {
        return text.codePoints().anyMatch(c -> c <= 0x20 || c == 0x7f || Character.isISOControl(c) || Character.isWhitespace(c));
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
