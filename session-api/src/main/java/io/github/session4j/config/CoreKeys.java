package io.github.session4j.config;

import java.util.Set;

/**
 * The names of the core keys, in upper snake case. Their defaults and rules are documented on
 * {@link io.github.session4j.CoreSettings} and in {@code CONFIG.md}.
 */
public final class CoreKeys {

    /** {@code SESSION_TYPE}: the backend name, such as {@code redis}; required. */
    public static final String SESSION_TYPE = "SESSION_TYPE";

    /** {@code SESSION_PERMANENT}: whether new sessions get a persistent cookie (Max-Age). */
    public static final String SESSION_PERMANENT = "SESSION_PERMANENT";

    /** {@code PERMANENT_SESSION_LIFETIME}: the idle timeout. */
    public static final String PERMANENT_SESSION_LIFETIME = "PERMANENT_SESSION_LIFETIME";

    /** {@code SESSION_ABSOLUTE_LIFETIME}: the hard cap from creation. */
    public static final String SESSION_ABSOLUTE_LIFETIME = "SESSION_ABSOLUTE_LIFETIME";

    /** {@code SESSION_REFRESH_EACH_REQUEST}: whether each use pushes the idle expiry forward. */
    public static final String SESSION_REFRESH_EACH_REQUEST = "SESSION_REFRESH_EACH_REQUEST";

    /** {@code SESSION_KEY_PREFIX}: the namespace of stored keys. */
    public static final String SESSION_KEY_PREFIX = "SESSION_KEY_PREFIX";

    /** {@code SESSION_ID_LENGTH}: the random bytes in a session ID. */
    public static final String SESSION_ID_LENGTH = "SESSION_ID_LENGTH";

    /** {@code SESSION_SERIALIZATION_FORMAT}: the codec: {@code msgpack} or {@code json}. */
    public static final String SESSION_SERIALIZATION_FORMAT = "SESSION_SERIALIZATION_FORMAT";

    /** {@code SESSION_COOKIE_NAME}: the cookie's name. */
    public static final String SESSION_COOKIE_NAME = "SESSION_COOKIE_NAME";

    /** {@code SESSION_COOKIE_DOMAIN}: the cookie's Domain attribute. */
    public static final String SESSION_COOKIE_DOMAIN = "SESSION_COOKIE_DOMAIN";

    /** {@code SESSION_COOKIE_PATH}: the cookie's Path attribute. */
    public static final String SESSION_COOKIE_PATH = "SESSION_COOKIE_PATH";

    /** {@code SESSION_COOKIE_HTTPONLY}: the cookie's HttpOnly attribute. */
    public static final String SESSION_COOKIE_HTTPONLY = "SESSION_COOKIE_HTTPONLY";

    /** {@code SESSION_COOKIE_SECURE}: the cookie's Secure attribute. */
    public static final String SESSION_COOKIE_SECURE = "SESSION_COOKIE_SECURE";

    /** {@code SESSION_COOKIE_SAMESITE}: the cookie's SameSite attribute. */
    public static final String SESSION_COOKIE_SAMESITE = "SESSION_COOKIE_SAMESITE";

    /** {@code SESSION_COOKIE_PARTITIONED}: the cookie's Partitioned attribute. */
    public static final String SESSION_COOKIE_PARTITIONED = "SESSION_COOKIE_PARTITIONED";

    /** {@code SESSION_ID_HEADER}: the request and response header that carries the ID for APIs. */
    public static final String SESSION_ID_HEADER = "SESSION_ID_HEADER";

    /** {@code SECRET_KEY}: the key of the MAC over stored records. */
    public static final String SECRET_KEY = "SECRET_KEY";

    /** {@code SECRET_KEY_FALLBACKS}: older keys still accepted when checking a MAC. */
    public static final String SECRET_KEY_FALLBACKS = "SECRET_KEY_FALLBACKS";

    /** {@code SESSION_MAX_SIZE}: the largest encoded record. */
    public static final String SESSION_MAX_SIZE = "SESSION_MAX_SIZE";

    /** {@code SESSION_MAX_DEPTH}: the deepest nesting of values. */
    public static final String SESSION_MAX_DEPTH = "SESSION_MAX_DEPTH";

    /** {@code SESSION_CLEANUP_N_REQUESTS}: sweep expired records every this many requests. */
    public static final String SESSION_CLEANUP_N_REQUESTS = "SESSION_CLEANUP_N_REQUESTS";

    /** {@code SESSION_ENCRYPT}: whether stored records are encrypted with SECRET_KEY. */
    public static final String SESSION_ENCRYPT = "SESSION_ENCRYPT";

    /** {@code SESSION_DELTA_WRITES}: whether a small change to a large session is appended as a delta frame. */
    public static final String SESSION_DELTA_WRITES = "SESSION_DELTA_WRITES";

    /** {@code SESSION_RECORD_CACHE}: bytes of large records kept in this JVM and read again by version. */
    public static final String SESSION_RECORD_CACHE = "SESSION_RECORD_CACHE";

    /** {@code SESSION_CONFIG}: the path of the properties file. */
    public static final String SESSION_CONFIG = "SESSION_CONFIG";

    private static final Set<String> ALL = Set.of(
            SESSION_TYPE,
            SESSION_PERMANENT,
            PERMANENT_SESSION_LIFETIME,
            SESSION_ABSOLUTE_LIFETIME,
            SESSION_REFRESH_EACH_REQUEST,
            SESSION_KEY_PREFIX,
            SESSION_ID_LENGTH,
            SESSION_SERIALIZATION_FORMAT,
            SESSION_COOKIE_NAME,
            SESSION_COOKIE_DOMAIN,
            SESSION_COOKIE_PATH,
            SESSION_COOKIE_HTTPONLY,
            SESSION_COOKIE_SECURE,
            SESSION_COOKIE_SAMESITE,
            SESSION_COOKIE_PARTITIONED,
            SESSION_ID_HEADER,
            SECRET_KEY,
            SECRET_KEY_FALLBACKS,
            SESSION_MAX_SIZE,
            SESSION_MAX_DEPTH,
            SESSION_CLEANUP_N_REQUESTS,
            SESSION_ENCRYPT,
            SESSION_DELTA_WRITES,
            SESSION_RECORD_CACHE,
            SESSION_CONFIG);

    private CoreKeys() {
    }

    /**
     * Every core key.
     *
     * @return the keys, unmodifiable
     */
    public static Set<String> all() {
        return ALL;
    }
}
