package io.github.session4j.config;

import io.github.session4j.CrossOriginProtection;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The core settings, each described once: key, default, parser, constraints, secret flag and one
 * line of documentation. {@link io.github.session4j.CoreSettings} reads them through these
 * descriptors; {@code CONFIG.md}'s tables are checked against them by a test. Rules that involve
 * several keys (the cookie rules, {@code SECRET_KEY_FALLBACKS} and {@code SESSION_ENCRYPT} needing
 * {@code SECRET_KEY}) are checked by {@code CoreSettings}.
 */
public final class CoreKeys {

    /** The smallest accepted {@code SECRET_KEY}, in bytes (UTF-8). */
    public static final int MIN_SECRET_BYTES = 32;
    /** The fewest random bytes in a session ID. */
    public static final int MIN_ID_LENGTH = 16;
    /** The most random bytes in a session ID. */
    public static final int MAX_ID_LENGTH = 256;
    /** The largest {@code SESSION_MAX_DEPTH}. */
    public static final int MAX_DEPTH_LIMIT = 1000;
    /** The largest {@code SESSION_MAX_SIZE}, 1 GiB. */
    public static final long MAX_SIZE_LIMIT = 1L << 30;

    private static final String POSITIVE = "it must be longer than zero";

    /** {@code SESSION_TYPE}: the backend name, such as {@code redis}; required (checked by discovery). */
    public static final Setting<String> SESSION_TYPE = Setting.of("SESSION_TYPE", v -> v.trim().toLowerCase(Locale.ROOT))
            .defaultText("— (required)").doc("the backend: memory, redis, memcached, mongodb, jdbc, filesystem").build();

    /** {@code SESSION_PERMANENT}: whether new sessions get a persistent cookie (Max-Age). */
    public static final Setting<Boolean> SESSION_PERMANENT = Setting.bool("SESSION_PERMANENT").defaultValue(true)
            .doc("new sessions get a persistent cookie (Max-Age); false gives a browser-session cookie").build();

    /** {@code PERMANENT_SESSION_LIFETIME}: the idle timeout. */
    public static final Setting<Duration> PERMANENT_SESSION_LIFETIME = Setting.duration("PERMANENT_SESSION_LIFETIME")
            .defaultValue(Duration.ofDays(31), "31d").check(CoreKeys::positive, POSITIVE)
            .doc("idle timeout: the session ends this long after its last use").build();

    /** {@code SESSION_ABSOLUTE_LIFETIME}: the hard cap from creation, or from the sign-in of a signed-in session. */
    public static final Setting<Duration> SESSION_ABSOLUTE_LIFETIME = Setting.duration("SESSION_ABSOLUTE_LIFETIME")
            .check(CoreKeys::positive, POSITIVE).doc("hard cap from creation (from the sign-in for a signed-in session), whatever the activity").build();

    /** {@code SESSION_REFRESH_EACH_REQUEST}: whether each use pushes the idle expiry forward. */
    public static final Setting<Boolean> SESSION_REFRESH_EACH_REQUEST = Setting.bool("SESSION_REFRESH_EACH_REQUEST")
            .defaultValue(true).doc("each use pushes the idle expiry forward").build();

    /** {@code SESSION_KEY_PREFIX}: the namespace of stored keys. */
    public static final Setting<String> SESSION_KEY_PREFIX = Setting.string("SESSION_KEY_PREFIX").defaultValue("session:")
            .check(v -> !CookieRules.containsAny(v, ""), "it must not contain spaces or control characters")
            .doc("namespace of stored keys").build();

    /** {@code SESSION_ID_LENGTH}: the random bytes in a session ID. */
    public static final Setting<Integer> SESSION_ID_LENGTH = Setting.integer("SESSION_ID_LENGTH").defaultValue(32)
            .check(v -> v >= MIN_ID_LENGTH && v <= MAX_ID_LENGTH, "it must be between " + MIN_ID_LENGTH + " and "
                    + MAX_ID_LENGTH + " (random bytes in a session ID)")
            .doc("random bytes in a session ID, 16 to 256").build();

    /** {@code SESSION_SERIALIZATION_FORMAT}: the codec: {@code msgpack} or {@code json}. */
    public static final Setting<String> SESSION_SERIALIZATION_FORMAT = Setting.of("SESSION_SERIALIZATION_FORMAT",
                    v -> v.trim().toLowerCase(Locale.ROOT)).defaultValue("msgpack")
            .check(Set.of("msgpack", "json")::contains, "it must be one of json, msgpack")
            .doc("msgpack or json").build();

    /** {@code SESSION_COOKIE_NAME}: the cookie's name. */
    public static final Setting<String> SESSION_COOKIE_NAME = Setting.trimmed("SESSION_COOKIE_NAME")
            .defaultValue("session").doc("the cookie's name, an RFC 6265 token").build();

    /** {@code SESSION_COOKIE_DOMAIN}: the cookie's Domain attribute. */
    public static final Setting<String> SESSION_COOKIE_DOMAIN = Setting.trimmed("SESSION_COOKIE_DOMAIN")
            .doc("the Domain attribute; unset means a host-only cookie").build();

    /** {@code SESSION_COOKIE_PATH}: the cookie's Path attribute. */
    public static final Setting<String> SESSION_COOKIE_PATH = Setting.trimmed("SESSION_COOKIE_PATH").defaultValue("/")
            .doc("the Path attribute; starts with /").build();

    /** {@code SESSION_COOKIE_HTTPONLY}: the cookie's HttpOnly attribute. */
    public static final Setting<Boolean> SESSION_COOKIE_HTTPONLY = Setting.bool("SESSION_COOKIE_HTTPONLY")
            .defaultValue(true).doc("the HttpOnly attribute").build();

    /** {@code SESSION_COOKIE_SECURE}: the cookie's Secure attribute. */
    public static final Setting<Boolean> SESSION_COOKIE_SECURE = Setting.bool("SESSION_COOKIE_SECURE")
            .defaultValue(false).doc("the Secure attribute; set it to true on any HTTPS site").build();

    /** {@code SESSION_COOKIE_SAMESITE}: the cookie's SameSite attribute. */
    public static final Setting<String> SESSION_COOKIE_SAMESITE = Setting.of("SESSION_COOKIE_SAMESITE", CoreKeys::sameSite)
            .defaultValue("Lax").doc("Strict, Lax or None, any case").build();

    /** {@code SESSION_COOKIE_PARTITIONED}: the cookie's Partitioned attribute. */
    public static final Setting<Boolean> SESSION_COOKIE_PARTITIONED = Setting.bool("SESSION_COOKIE_PARTITIONED")
            .defaultValue(false).doc("the Partitioned attribute (CHIPS); needs Secure").build();

    /** {@code SESSION_ID_HEADER}: the request and response header that carries the ID for APIs. */
    public static final Setting<String> SESSION_ID_HEADER = Setting.trimmed("SESSION_ID_HEADER")
            .check(CookieRules::isToken, "it must be an HTTP header name such as X-Session-Id (letters, digits and -)")
            .doc("a header that carries the session ID for API clients").build();

    /** {@code SECRET_KEY}: the key of the MAC over stored records. */
    public static final Setting<String> SECRET_KEY = Setting.string("SECRET_KEY").secret()
            .check(v -> bytes(v) >= MIN_SECRET_BYTES, f -> "SECRET_KEY is " + bytes(f.value())
                    + " bytes long but it must be at least " + MIN_SECRET_BYTES + " bytes: generate one with"
                    + " 'openssl rand -base64 48'")
            .doc("when set, stored records carry a MAC and tampered ones are refused").build();

    /** {@code SECRET_KEY_FALLBACKS}: older keys still accepted when checking a MAC. */
    public static final Setting<List<String>> SECRET_KEY_FALLBACKS = Setting.list("SECRET_KEY_FALLBACKS").secret()
            .defaultValue(List.of(), Setting.UNSET).doc("older keys, comma-separated, still accepted when checking a MAC").build();

    /** {@code SESSION_MAX_SIZE}: the largest encoded record. */
    public static final Setting<Long> SESSION_MAX_SIZE = Setting.size("SESSION_MAX_SIZE").defaultValue(512L * 1024, "512KB")
            .check(v -> v >= 1 && v <= MAX_SIZE_LIMIT, "it must be between 1 byte and 1GiB")
            .doc("the largest encoded record, 1 byte to 1GiB").build();

    /** {@code SESSION_MAX_DEPTH}: the deepest nesting of values. */
    public static final Setting<Integer> SESSION_MAX_DEPTH = Setting.integer("SESSION_MAX_DEPTH").defaultValue(32)
            .check(v -> v >= 1 && v <= MAX_DEPTH_LIMIT, "it must be between 1 and " + MAX_DEPTH_LIMIT)
            .doc("the deepest nesting of lists and maps, 1 to 1000").build();

    /** {@code SESSION_CLEANUP_N_REQUESTS}: sweep expired records every this many requests. */
    public static final Setting<Integer> SESSION_CLEANUP_N_REQUESTS = Setting.integer("SESSION_CLEANUP_N_REQUESTS")
            .check(v -> v > 0, "it must be a positive integer (or unset to never sweep)")
            .requires(ExpirySweeper.class, "sweep expired records")
            .doc("sweep expired records every this many requests").build();

    /** {@code SESSION_ENCRYPT}: whether stored records are encrypted with SECRET_KEY. */
    public static final Setting<Boolean> SESSION_ENCRYPT = Setting.bool("SESSION_ENCRYPT").defaultValue(false)
            .doc("encrypt stored records; needs SECRET_KEY").build();

    /**
     * {@code SESSION_SERIALIZABLE_CLASSES}: the application's {@code Serializable} classes that may
     * be stored with Java serialization, as {@code ObjectInputFilter} patterns; needs {@code SECRET_KEY}.
     */
    public static final Setting<List<String>> SESSION_SERIALIZABLE_CLASSES = Setting.of("SESSION_SERIALIZABLE_CLASSES",
                    CoreKeys::serializablePatterns).defaultValue(List.of(), Setting.UNSET)
            .doc("the application's Serializable classes stored with Java serialization, as ObjectInputFilter patterns"
                    + " (com.acme.cart.*;com.acme.model.**); needs SECRET_KEY").build();

    /** {@code SESSION_DELTA_WRITES}: whether a small change to a large session is appended as a delta frame. */
    public static final Setting<Boolean> SESSION_DELTA_WRITES = Setting.bool("SESSION_DELTA_WRITES").defaultValue(false)
            .requires(RecordAppender.class, "append to a stored record")
            .doc("store a small change to a large session as a delta frame after its record").build();

    /** {@code SESSION_RECORD_CACHE}: bytes of large records kept in this JVM and read again by version. */
    public static final Setting<Long> SESSION_RECORD_CACHE = Setting.size("SESSION_RECORD_CACHE").defaultValue(0L, "0")
            .requires(RecordRevalidator.class, "tell whether a record changed without reading it")
            .doc("bytes of large records kept in this JVM and revalidated by version").build();

    /** {@code SESSION_NO_STORE}: whether every response whose session was used says {@code Cache-Control: private, no-store}. */
    public static final Setting<Boolean> SESSION_NO_STORE = Setting.bool("SESSION_NO_STORE").defaultValue(true)
            .doc("every response whose session was used gets Cache-Control: private, no-store; false gives private on cookie responses only")
            .build();

    /** {@code SESSION_CROSS_ORIGIN_PROTECTION}: whether unsafe cross-origin requests are refused with a 403. */
    public static final Setting<Boolean> SESSION_CROSS_ORIGIN_PROTECTION = Setting.bool("SESSION_CROSS_ORIGIN_PROTECTION")
            .defaultValue(false)
            .doc("the adapters answer unsafe cross-origin requests 403 before the application runs (Fetch Metadata, then Origin against Host)")
            .build();

    /** {@code SESSION_TRUSTED_ORIGINS}: origins whose unsafe requests the cross-origin guard lets through. */
    public static final Setting<List<String>> SESSION_TRUSTED_ORIGINS = Setting.list("SESSION_TRUSTED_ORIGINS")
            .defaultValue(List.of(), Setting.UNSET)
            .check(v -> v.stream().allMatch(CrossOriginProtection::isOrigin), f -> "SESSION_TRUSTED_ORIGINS was '" + f.shown()
                    + "' but it must be comma-separated origins such as https://app.example.com or http://localhost:8080"
                    + " (scheme://host[:port], no path): " + f.value().stream().filter(o -> !CrossOriginProtection.isOrigin(o)).findFirst().orElse("") + " is not one")
            .doc("origins, comma-separated (https://app.example.com), whose unsafe requests the cross-origin guard allows")
            .build();

    /** {@code SESSION_CROSS_ORIGIN_BYPASS}: request patterns the cross-origin guard never refuses. */
    public static final Setting<List<String>> SESSION_CROSS_ORIGIN_BYPASS = Setting.list("SESSION_CROSS_ORIGIN_BYPASS")
            .defaultValue(List.of(), Setting.UNSET)
            .check(v -> v.stream().allMatch(CrossOriginProtection::isPattern), f -> "SESSION_CROSS_ORIGIN_BYPASS was '" + f.shown()
                    + "' but it must be comma-separated patterns '[METHOD ]/path', a path ending in / matching everything"
                    + " below it (POST /hooks/): " + f.value().stream().filter(o -> !CrossOriginProtection.isPattern(o)).findFirst().orElse("") + " is not one")
            .doc("patterns, comma-separated ('POST /hooks/', '/webhook'), of requests the cross-origin guard lets through")
            .build();

    /**
     * {@code SESSION_RECORD_FORMAT}: {@code session4j} (the envelope) or {@code flask-session} (the
     * records and cookies of Flask-Session 0.8, shared with a Flask application).
     */
    public static final Setting<String> SESSION_RECORD_FORMAT = Setting.trimmed("SESSION_RECORD_FORMAT")
            .defaultValue("session4j").check(v -> v.equals("session4j") || v.equals("flask-session"),
                    "it must be session4j or flask-session")
            .doc("session4j, or flask-session to share sessions with a Flask-Session 0.8 application").build();

    /** {@code SESSION_USE_SIGNER}: Flask-Session's signed cookie (itsdangerous, salt flask-session); needs SECRET_KEY. */
    public static final Setting<Boolean> SESSION_USE_SIGNER = Setting.bool("SESSION_USE_SIGNER").defaultValue(false)
            .doc("sign the session cookie as Flask-Session does (SESSION_RECORD_FORMAT=flask-session; needs SECRET_KEY)").build();

    /**
     * {@code SESSION_PRINCIPAL_INDEX}: unset, sessions are indexed by user where the backend can;
     * {@code true} requires the backend to ({@link PrincipalIndex}); {@code false} never indexes.
     */
    public static final Setting<Boolean> SESSION_PRINCIPAL_INDEX = Setting.bool("SESSION_PRINCIPAL_INDEX")
            .requires(PrincipalIndex.class, "keep an index of sessions by user", Boolean::booleanValue)
            .doc("index signed-in sessions by user: unset where the backend can, true requires it, false never").build();

    /** {@code SESSION_REAUTHENTICATE_AFTER}: how old a sign-in may be before {@code requiresReauthentication()} is true. */
    public static final Setting<Duration> SESSION_REAUTHENTICATE_AFTER = Setting.duration("SESSION_REAUTHENTICATE_AFTER")
            .check(CoreKeys::positive, POSITIVE)
            .doc("after this long since the sign-in, requiresReauthentication() is true (step-up checks)").build();

    /** {@code SESSION_PRINCIPAL_KEY}: the session attribute whose value the servlet adapter signs in. */
    public static final Setting<String> SESSION_PRINCIPAL_KEY = Setting.trimmed("SESSION_PRINCIPAL_KEY")
            .check(v -> !v.isEmpty(), "it must be an attribute name, such as user")
            .doc("servlet adapter: an attribute (such as user) whose value is signed in at changeSessionId()").build();

    /** {@code SESSION_CONFIG}: the path of the properties file. */
    public static final Setting<String> SESSION_CONFIG = Setting.trimmed("SESSION_CONFIG")
            .doc("path of the properties file to read instead of session.properties on the classpath").build();

    private static final List<Setting<?>> ALL = List.of(
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
            SESSION_SERIALIZABLE_CLASSES,
            SESSION_DELTA_WRITES,
            SESSION_RECORD_CACHE,
            SESSION_NO_STORE,
            SESSION_CROSS_ORIGIN_PROTECTION,
            SESSION_TRUSTED_ORIGINS,
            SESSION_CROSS_ORIGIN_BYPASS,
            SESSION_RECORD_FORMAT,
            SESSION_USE_SIGNER,
            SESSION_PRINCIPAL_INDEX,
            SESSION_REAUTHENTICATE_AFTER,
            SESSION_PRINCIPAL_KEY,
            SESSION_CONFIG);

    private static final Set<String> KEYS = keysOf(ALL);

    private CoreKeys() {
    }

    /**
     * Every core setting.
     *
     * @return the settings, in the order they are validated
     */
    public static List<Setting<?>> settings() {
        return ALL;
    }

    /**
     * Every core key.
     *
     * @return the keys, unmodifiable
     */
    public static Set<String> all() {
        return KEYS;
    }

    /**
     * The keys of some settings.
     *
     * @param settings the settings
     * @return their keys, unmodifiable
     */
    public static Set<String> keysOf(List<Setting<?>> settings) {
        return settings.stream().map(Setting::key).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Records that {@code SECRET_KEY_FALLBACKS} is set without {@code SECRET_KEY}.
     *
     * @param problems where the problem goes
     * @param secretKey the key, or null
     * @param fallbacks the fallbacks
     */
    public static void checkFallbacksHaveKey(Problems problems, String secretKey, List<String> fallbacks) {
        problems.check(secretKey != null || fallbacks.isEmpty(), () -> "SECRET_KEY_FALLBACKS is set but SECRET_KEY"
                + " is not: fallbacks are older keys kept while rotating, so set SECRET_KEY to the current key");
    }

    /**
     * Records that {@code SESSION_ENCRYPT=true} is set without {@code SECRET_KEY}.
     *
     * @param problems where the problem goes
     * @param encrypt the value of {@code SESSION_ENCRYPT}
     * @param secretKey the key, or null
     */
    public static void checkEncryptHasKey(Problems problems, boolean encrypt, String secretKey) {
        problems.check(!encrypt || secretKey != null, () -> "SESSION_ENCRYPT was 'true' but SECRET_KEY is not set:"
                + " set SECRET_KEY to a random value of at least " + MIN_SECRET_BYTES + " bytes, or set SESSION_ENCRYPT=false");
    }

    /**
     * Records that {@code SESSION_SERIALIZABLE_CLASSES} is set without {@code SECRET_KEY}: without a
     * MAC, bytes planted in the store would reach {@code ObjectInputStream}.
     *
     * @param problems where the problem goes
     * @param patterns the patterns of {@code SESSION_SERIALIZABLE_CLASSES}, empty when unset
     * @param secretKey the key, or null
     */
    public static void checkSerializableHasKey(Problems problems, List<String> patterns, String secretKey) {
        problems.check(patterns.isEmpty() || secretKey != null, () -> "SESSION_SERIALIZABLE_CLASSES is set but SECRET_KEY"
                + " is not: Java-serialized values are read only from records whose MAC has verified, so that bytes"
                + " planted in the store never reach ObjectInputStream; set SECRET_KEY to a random value of at least "
                + MIN_SECRET_BYTES + " bytes (openssl rand -base64 48), or remove SESSION_SERIALIZABLE_CLASSES");
    }

    /** Packages whose classes are never listed: the JDK's own, where deserialization gadgets live. */
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    /**
     * The patterns of {@code SESSION_SERIALIZABLE_CLASSES}, separated by {@code ;} (as
     * {@code ObjectInputFilter} writes them) or {@code ,}, each checked.
     */
    private static List<String> serializablePatterns(String raw) {
        List<String> patterns = new java.util.ArrayList<>();
        for (String item : raw.split("[;,]")) {
            String pattern = item.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.indexOf('=') >= 0) {
                throw new IllegalArgumentException("it holds '" + pattern + "', a limit: session4j sets the limits of"
                        + " depth, references, array length and bytes itself; list class patterns only");
            }
            String name = pattern.startsWith("!") ? pattern.substring(1) : pattern;
            if (name.indexOf('/') >= 0) {
                throw new IllegalArgumentException("it holds '" + pattern + "', a module-qualified pattern; list classes and"
                        + " packages by name only, such as com.acme.cart.*");
            }
            if (name.isEmpty() || name.equals("*") || name.equals("**") || name.startsWith(".")) {
                throw new IllegalArgumentException("it holds '" + pattern + "', which matches every class; list your own"
                        + " classes or packages, such as com.acme.cart.* or com.acme.model.**");
            }
            String named = name;
            if (!pattern.startsWith("!") && JDK_PACKAGES.stream().anyMatch(named::startsWith)) {
                throw new IllegalArgumentException("it holds '" + pattern + "', a pattern of the JDK's own classes: the"
                        + " JDK's plain value classes (String, boxed numbers, java.time, java.util collections,"
                        + " BigDecimal, UUID) are admitted anyway, and no other JDK class may be; list your own classes");
            }
            try {
                java.io.ObjectInputFilter.Config.createFilter(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("it holds '" + pattern + "', which is not an ObjectInputFilter class"
                        + " pattern (" + e.getMessage() + ")");
            }
            patterns.add(pattern);
        }
        if (patterns.stream().allMatch(p -> p.startsWith("!"))) {
            throw new IllegalArgumentException("it lists no class: give at least one pattern such as com.acme.cart.*");
        }
        return List.copyOf(patterns);
    }

    /**
     * The length of a string in UTF-8.
     *
     * @param s the string, or null
     * @return its length in bytes, 0 for null
     */
    public static int bytes(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static String sameSite(String raw) {
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "strict": return "Strict";
            case "lax": return "Lax";
            case "none": return "None";
            default: throw new IllegalArgumentException("it must be Strict, Lax or None");
        }
    }
}
