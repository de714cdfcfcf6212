package io.github.session4j.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The names of the principal index's entries: one sorted set per principal, under the key prefix
 * (so that an ACL key pattern of {@code <prefix>*} covers them), named
 * {@code <prefix>principal-index:{<principal key>}}.
 *
 * <p>A session's key is the prefix followed by a base64url hash of its ID, whose alphabet has
 * neither {@code :} nor braces, so an entry can never have a session's name, and
 * {@link #isEntry} tells them apart by name alone: whatever scans the prefix ({@code countLive},
 * a listing) skips entries with it. The braces are the entry's hash tag on a Redis Cluster: each
 * principal's entry lives in one slot of its own, chosen by the principal key (unless the prefix
 * itself holds a hash tag, which then puts every key of the prefix, entries too, in its slot).
 */
final class PrincipalEntries {

    /** What follows the prefix in an entry's name, before the principal key. */
    static final String MARKER = "principal-index:{";

    /** The longest principal key accepted; the core's are 43 characters. */
    static final int MAX_PRINCIPAL_KEY = 128;

    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

    private final String prefix;

    PrincipalEntries(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The key of a principal's entry.
     *
     * @param principalKey the principal key, checked
     * @return {@code <prefix>principal-index:{<principal key>}}
     * @throws IllegalArgumentException if the principal key is not base64url text of 1 to
     *     {@value #MAX_PRINCIPAL_KEY} characters
     */
    String entryKey(String principalKey) {
        return prefix + MARKER + check(principalKey) + "}";
    }

    /**
     * The entry's key as bytes, as commands take it.
     *
     * @param principalKey the principal key, checked
     * @return the entry's key
     */
    byte[] entryKeyBytes(String principalKey) {
        return entryKey(principalKey).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether a key found under the prefix is an entry of the index rather than a session.
     *
     * @param key a key that starts with the prefix
     * @param prefixLength the prefix's length in bytes
     * @return true for an entry's name
     */
    static boolean isEntry(byte[] key, int prefixLength) {
        int end = prefixLength + MARKER_BYTES.length;
        return key.length > end && key[key.length - 1] == '}'
                && Arrays.equals(key, prefixLength, end, MARKER_BYTES, 0, MARKER_BYTES.length);
    }

    /**
     * Checks a principal key: the core hands over a base64url hash, and anything else (a brace
     * would break the cluster hash tag, a user name in clear must never become a key) is refused.
     * The message never shows the value.
     */
    static String check(String principalKey) {
        if (principalKey == null) {
            throw new NullPointerException("principalKey");
        }
        boolean valid = !principalKey.isEmpty() && principalKey.length() <= MAX_PRINCIPAL_KEY;
        for (int i = 0; valid && i < principalKey.length(); i++) {
            char c = principalKey.charAt(i);
            valid = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
        }
        if (!valid) {
            throw new IllegalArgumentException("a principal key must be the core's base64url hash of the principal"
                    + " (1 to " + MAX_PRINCIPAL_KEY + " characters of A-Z, a-z, 0-9, - and _), but one of "
                    + principalKey.length() + " characters is not; the Redis backend never stores a principal in clear");
        }
        return principalKey;
    }
}
