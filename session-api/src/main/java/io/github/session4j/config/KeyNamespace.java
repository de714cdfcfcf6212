package io.github.session4j.config;

/**
 * The keys that belong to session4j: every {@code SESSION_*} key, {@code PERMANENT_SESSION_LIFETIME},
 * {@code SECRET_KEY} and {@code SECRET_KEY_*}. Only these are read from the environment and system
 * properties, which are full of settings of other software.
 */
public final class KeyNamespace {

    private KeyNamespace() {
    }

    /**
     * Whether a canonical (upper snake case) key belongs to session4j.
     *
     * @param canonicalKey a key such as {@code SESSION_COOKIE_NAME}
     * @return true for session4j's keys
     */
    public static boolean contains(String canonicalKey) {
        return canonicalKey.startsWith("SESSION_")
                || canonicalKey.equals("PERMANENT_SESSION_LIFETIME")
                || canonicalKey.equals("SECRET_KEY")
                || canonicalKey.startsWith("SECRET_KEY_");
    }
}
