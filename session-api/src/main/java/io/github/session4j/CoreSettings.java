package io.github.session4j;

import static io.github.session4j.config.CoreKeys.*;

import io.github.session4j.config.CookieRules;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Problems;
import io.github.session4j.config.Secrets;
import io.github.session4j.config.Setting;
import io.github.session4j.config.UnknownKeys;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The core settings, read and validated all at once. Immutable and thread-safe.
 *
 * <p>{@link #validate} reads every core key, checks the rules that involve several keys, and
 * rejects unknown keys; it reports every problem in one {@link SessionConfigException}, one per
 * line. Each accessor documents its key and default; {@code CONFIG.md} is the reference.
 */
public final class CoreSettings {

    /** The smallest accepted {@code SECRET_KEY}, in bytes (UTF-8). */
    public static final int MIN_SECRET_BYTES = CoreKeys.MIN_SECRET_BYTES;

    private static final System.Logger LOG = System.getLogger(CoreSettings.class.getName());

    private final String type;
    private final boolean permanent;
    private final Duration permanentLifetime;
    private final Duration absoluteLifetime;
    private final boolean refreshEachRequest;
    private final String keyPrefix;
    private final int idLength;
    private final String serializationFormat;
    private final String cookieName;
    private final String cookieDomain;
    private final String cookiePath;
    private final boolean cookieHttpOnly;
    private final boolean cookieSecure;
    private final String cookieSameSite;
    private final boolean cookiePartitioned;
    private final String idHeader;
    private final String secretKey;
    private final List<String> secretKeyFallbacks;
    private final long maxSize;
    private final int maxDepth;
    private final Integer cleanupNRequests;
    private final boolean encrypt;
    private final boolean deltaWrites;
    private final List<String> serializableClasses;
    private final boolean flaskRecords;
    private final boolean useSigner;
    private final long recordCache;
    private final boolean noStore;
    private final boolean crossOriginProtection;
    private final List<String> trustedOrigins;
    private final List<String> crossOriginBypass;
    private final String configFile;
    private final Boolean principalIndex;
    private final Duration reauthenticateAfter;
    private final String principalKey;
    private final List<String> warnings;

    private CoreSettings(SessionConfig c, SessionInterfaceProvider provider, Collection<SessionInterfaceProvider> all,
                         Problems p) {
        type = provider.name();
        SESSION_TYPE.find(c).filter(v -> !v.equals(type))
                .ifPresent(v -> p.add("SESSION_TYPE was '" + v + "' but the backend in use is '" + type + "' ("
                        + provider.getClass().getName() + "): set SESSION_TYPE to '" + type + "' or remove it"));
        permanent = SESSION_PERMANENT.read(c, p);
        permanentLifetime = PERMANENT_SESSION_LIFETIME.read(c, p);
        absoluteLifetime = SESSION_ABSOLUTE_LIFETIME.read(c, p);
        refreshEachRequest = SESSION_REFRESH_EACH_REQUEST.read(c, p);
        keyPrefix = SESSION_KEY_PREFIX.read(c, p);
        idLength = SESSION_ID_LENGTH.read(c, p);
        serializationFormat = SESSION_SERIALIZATION_FORMAT.read(c, p);
        cookieName = SESSION_COOKIE_NAME.read(c, p);
        cookieDomain = SESSION_COOKIE_DOMAIN.read(c, p);
        cookiePath = SESSION_COOKIE_PATH.read(c, p);
        cookieHttpOnly = SESSION_COOKIE_HTTPONLY.read(c, p);
        cookieSecure = SESSION_COOKIE_SECURE.read(c, p);
        cookieSameSite = SESSION_COOKIE_SAMESITE.read(c, p);
        cookiePartitioned = SESSION_COOKIE_PARTITIONED.read(c, p);
        CookieRules.check(p, cookieName, cookieDomain, cookiePath, cookieSecure, cookieSameSite, cookiePartitioned);
        idHeader = SESSION_ID_HEADER.read(c, p);
        secretKey = SECRET_KEY.read(c, p);
        secretKeyFallbacks = SECRET_KEY_FALLBACKS.read(c, p);
        for (int i = 0; i < secretKeyFallbacks.size(); i++) {
            int index = i + 1;
            int length = CoreKeys.bytes(secretKeyFallbacks.get(i));
            p.check(length >= MIN_SECRET_BYTES, () -> "SECRET_KEY_FALLBACKS item " + index + " is " + length
                    + " bytes long but it must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        CoreKeys.checkFallbacksHaveKey(p, c.getSecret(SECRET_KEY.key()).orElse(null), secretKeyFallbacks);
        maxSize = SESSION_MAX_SIZE.read(c, p);
        maxDepth = SESSION_MAX_DEPTH.read(c, p);
        cleanupNRequests = SESSION_CLEANUP_N_REQUESTS.read(c, p);
        encrypt = SESSION_ENCRYPT.read(c, p);
        CoreKeys.checkEncryptHasKey(p, encrypt, c.getSecret(SECRET_KEY.key()).orElse(null));
        serializableClasses = SESSION_SERIALIZABLE_CLASSES.read(c, p);
        CoreKeys.checkSerializableHasKey(p, serializableClasses, c.getSecret(SECRET_KEY.key()).orElse(null));
        deltaWrites = SESSION_DELTA_WRITES.read(c, p);
        recordCache = SESSION_RECORD_CACHE.read(c, p);
        noStore = SESSION_NO_STORE.read(c, p);
        crossOriginProtection = SESSION_CROSS_ORIGIN_PROTECTION.read(c, p);
        trustedOrigins = SESSION_TRUSTED_ORIGINS.read(c, p);
        crossOriginBypass = SESSION_CROSS_ORIGIN_BYPASS.read(c, p);
        configFile = SESSION_CONFIG.read(c, p);
        principalIndex = SESSION_PRINCIPAL_INDEX.read(c, p);
        reauthenticateAfter = SESSION_REAUTHENTICATE_AFTER.read(c, p);
        principalKey = SESSION_PRINCIPAL_KEY.read(c, p);
        flaskRecords = "flask-session".equals(SESSION_RECORD_FORMAT.read(c, p));
        useSigner = SESSION_USE_SIGNER.read(c, p);
        FlaskModeRules.check(p, this, provider, all, c.getSecret(SECRET_KEY.key()).isPresent());
        warnings = UnknownKeys.check(c, type, known(provider), declaredElsewhere(provider, all), p);
    }

    /**
     * Reads and validates every core key, and rejects unknown keys (see
     * {@link io.github.session4j.config.UnknownKeys} for the exact rule). Unknown keys from the
     * environment are logged as warnings through {@link System.Logger} and listed in
     * {@link #warnings()}.
     *
     * @param config the configuration
     * @param provider the backend in use; its {@code name()} is the type, and {@code SESSION_TYPE}, if
     *     set, must equal it
     * @param allProviders every provider on the classpath; keys they declare are not reported
     * @return the settings
     * @throws SessionConfigException listing every problem, one per line, secrets masked
     */
    public static CoreSettings validate(SessionConfig config, SessionInterfaceProvider provider,
                                        Collection<SessionInterfaceProvider> allProviders) {
        Problems problems = new Problems();
        CoreSettings settings = new CoreSettings(config, provider, allProviders, problems);
        problems.throwIfAny();
        settings.warnings.forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        return settings;
    }

    /**
     * Every core key, in upper snake case; the descriptors are in {@link CoreKeys}.
     *
     * @return the keys
     */
    public static Set<String> coreKeys() {
        return CoreKeys.all();
    }

    /**
     * Every core setting's descriptor.
     *
     * @return the settings, in the order they are validated
     */
    public static List<Setting<?>> settings() {
        return CoreKeys.settings();
    }

    private static Set<String> known(SessionInterfaceProvider provider) {
        Set<String> known = new HashSet<>(CoreKeys.all());
        provider.configKeys().forEach(k -> known.add(SessionConfig.canonicalKey(k)));
        return known;
    }

    private static Set<String> declaredElsewhere(SessionInterfaceProvider provider,
                                                 Collection<SessionInterfaceProvider> all) {
        Set<String> keys = new HashSet<>();
        for (SessionInterfaceProvider other : all) {
            if (other != provider) {
                other.configKeys().forEach(k -> keys.add(SessionConfig.canonicalKey(k)));
            }
        }
        return keys;
    }

    /**
     * {@code SESSION_TYPE}, required: the backend's name, trimmed and lower-cased, such as {@code redis}.
     *
     * @return the backend name
     */
    public String type() {
        return type;
    }

    /**
     * {@code SESSION_PERMANENT}, default {@code true}: new sessions get a persistent cookie (Max-Age and Expires); otherwise a browser-session cookie.
     *
     * @return whether new sessions are permanent
     */
    public boolean permanent() {
        return permanent;
    }

    /**
     * {@code PERMANENT_SESSION_LIFETIME}, default {@code 31d}: the idle timeout; a session ends this long after its last use. Always longer than zero.
     *
     * @return the idle timeout
     */
    public Duration permanentLifetime() {
        return permanentLifetime;
    }

    /**
     * {@code SESSION_ABSOLUTE_LIFETIME}, default unset: the hard cap from creation, whatever the activity. Longer than zero when set.
     *
     * @return the absolute lifetime, or empty when sessions have none
     */
    public Optional<Duration> absoluteLifetime() {
        return Optional.ofNullable(absoluteLifetime);
    }

    /**
     * {@code SESSION_REFRESH_EACH_REQUEST}, default {@code true}: each use pushes the idle expiry forward.
     *
     * @return whether each use refreshes the expiry
     */
    public boolean refreshEachRequest() {
        return refreshEachRequest;
    }

    /**
     * {@code SESSION_KEY_PREFIX}, default {@code session:}: the namespace of stored keys. No spaces or control characters.
     *
     * @return the prefix
     */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * {@code SESSION_ID_LENGTH}, default {@code 32}: random bytes in a session ID, from 16 to 256.
     *
     * @return the number of random bytes
     */
    public int idLength() {
        return idLength;
    }

    /**
     * {@code SESSION_SERIALIZATION_FORMAT}, default {@code msgpack}: the codec, {@code msgpack} or {@code json} (case-insensitive, returned lower-case).
     *
     * @return the format name
     */
    public String serializationFormat() {
        return serializationFormat;
    }

    /**
     * {@code SESSION_COOKIE_NAME}, default {@code session}: the cookie's name, an RFC 6265 token.
     *
     * @return the cookie name
     */
    public String cookieName() {
        return cookieName;
    }

    /**
     * {@code SESSION_COOKIE_DOMAIN}, default unset (a host-only cookie): the cookie's Domain attribute.
     *
     * @return the domain, or empty for a host-only cookie
     */
    public Optional<String> cookieDomain() {
        return Optional.ofNullable(cookieDomain);
    }

    /**
     * {@code SESSION_COOKIE_PATH}, default {@code /}: the cookie's Path attribute.
     *
     * @return the path
     */
    public String cookiePath() {
        return cookiePath;
    }

    /**
     * {@code SESSION_COOKIE_HTTPONLY}, default {@code true}: the cookie's HttpOnly attribute.
     *
     * @return whether the cookie is HttpOnly
     */
    public boolean cookieHttpOnly() {
        return cookieHttpOnly;
    }

    /**
     * {@code SESSION_COOKIE_SECURE}, default {@code false}: the cookie's Secure attribute (HTTPS only).
     *
     * @return whether the cookie is Secure
     */
    public boolean cookieSecure() {
        return cookieSecure;
    }

    /**
     * {@code SESSION_COOKIE_SAMESITE}, default {@code Lax}: the cookie's SameSite attribute, read case-insensitively and returned as {@code Strict}, {@code Lax} or {@code None}.
     *
     * @return the SameSite value
     */
    public String cookieSameSite() {
        return cookieSameSite;
    }

    /**
     * {@code SESSION_COOKIE_PARTITIONED}, default {@code false}: the cookie's Partitioned attribute (CHIPS); needs Secure.
     *
     * @return whether the cookie is Partitioned
     */
    public boolean cookiePartitioned() {
        return cookiePartitioned;
    }

    /**
     * {@code SESSION_PRINCIPAL_INDEX}, default unset: whether signed-in sessions are indexed by user
     * (unset: where the backend can; {@code true}: start-up requires a backend that can; {@code false}: never).
     *
     * @return the value, or empty when unset
     */
    public Optional<Boolean> principalIndex() {
        return Optional.ofNullable(principalIndex);
    }

    /**
     * {@code SESSION_REAUTHENTICATE_AFTER}, default unset: how old a sign-in may be before
     * {@link SessionContext#requiresReauthentication()} says the user should sign in again.
     *
     * @return the age, or empty when sign-ins never need repeating
     */
    public Optional<Duration> reauthenticateAfter() {
        return Optional.ofNullable(reauthenticateAfter);
    }

    /**
     * {@code SESSION_PRINCIPAL_KEY}, default unset: the session attribute (such as {@code user})
     * whose value the servlet adapter signs in when the application calls {@code changeSessionId()}.
     *
     * @return the attribute's name, or empty when the adapter signs in only on request
     */
    public Optional<String> principalKey() {
        return Optional.ofNullable(principalKey);
    }

    /**
     * {@code SESSION_ID_HEADER}, default unset: the name of a request header that carries the session ID for API clients (and of the response header that returns it).
     *
     * @return the header name, or empty when IDs travel only in the cookie
     */
    public Optional<String> idHeader() {
        return Optional.ofNullable(idHeader);
    }

    /**
     * {@code SECRET_KEY}, default unset: the key of the MAC over stored records, at least 32 bytes in UTF-8. Never log it.
     *
     * @return the key, or empty when records carry no MAC
     */
    public Optional<String> secretKey() {
        return Optional.ofNullable(secretKey);
    }

    /**
     * {@code SECRET_KEY_FALLBACKS}, default empty: older keys, comma-separated, still accepted when checking a MAC (key rotation). Never log them.
     *
     * @return the fallback keys, possibly empty
     */
    public List<String> secretKeyFallbacks() {
        return secretKeyFallbacks;
    }

    /**
     * {@code SESSION_MAX_SIZE}, default {@code 512KB} (524288 bytes): the largest encoded record, from 1 byte to 1GiB.
     *
     * @return the cap in bytes
     */
    public long maxSize() {
        return maxSize;
    }

    /**
     * {@code SESSION_SERIALIZABLE_CLASSES}, default unset: the application's {@code Serializable}
     * classes that are stored with Java serialization, as {@code ObjectInputFilter} patterns
     * (checked; never one that matches every class or the JDK's own); set only with {@code SECRET_KEY}.
     *
     * @return the patterns, empty when unset
     */
    public List<String> serializableClasses() {
        return serializableClasses;
    }

    /**
     * {@code SESSION_MAX_DEPTH}, default {@code 32}: the deepest nesting of lists and maps in a session, from 1 to 1000.
     *
     * @return the cap
     */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * {@code SESSION_CLEANUP_N_REQUESTS}, default unset: sweep expired records every this many requests, for backends that cannot expire them on their own.
     *
     * @return the interval in requests, or empty to never sweep
     */
    public OptionalInt cleanupNRequests() {
        return cleanupNRequests == null ? OptionalInt.empty() : OptionalInt.of(cleanupNRequests);
    }

    /**
     * {@code SESSION_ENCRYPT}, default {@code false}: encrypt stored records with a key derived from {@code SECRET_KEY}, which must be set.
     *
     * @return whether records are encrypted
     */
    public boolean encrypt() {
        return encrypt;
    }

    /**
     * {@code SESSION_DELTA_WRITES}, default {@code false}: on a backend that can append, store a small
     * change to a large session as a delta frame after its record instead of rewriting it (see
     * {@link io.github.session4j.codec.RecordFormat}). Off by default: the records it writes are
     * unreadable to a session4j older than this option, and on Redis an appended value keeps up to
     * twice its size allocated until it is next rewritten whole.
     *
     * @return whether delta frames are written
     */
    public boolean deltaWrites() {
        return deltaWrites;
    }

    /**
     * Whether records and cookies are Flask-Session 0.8's ({@code SESSION_RECORD_FORMAT=flask-session}):
     * the store key is the prefix and the raw ID, the record a plain msgpack or JSON map.
     *
     * @return whether the flask-session format is in use
     */
    public boolean flaskRecords() {
        return flaskRecords;
    }

    /**
     * Whether the cookie is signed as Flask-Session's {@code SESSION_USE_SIGNER=True} signs it.
     *
     * @return whether the cookie carries an itsdangerous signature
     */
    public boolean useSigner() {
        return useSigner;
    }

    /**
     * {@code SESSION_RECORD_CACHE}, default {@code 0} (off): how many bytes of recently read or
     * written records of at least 8 KiB this JVM keeps, on a backend that can revalidate them
     * ({@link io.github.session4j.spi.RecordRevalidator}). A load of a kept record asks the store
     * only whether its version changed, in one round trip that carries no record, and reads the
     * record only when it did; every change made elsewhere is still seen. It pays off for large
     * sessions that the same instance serves again (one instance, or sticky sessions); a request
     * whose record changed elsewhere costs a second round trip on Redis.
     *
     * @return the cache's size in bytes, 0 when off
     */
    public long recordCache() {
        return recordCache;
    }

    /**
     * {@code SESSION_NO_STORE}, default {@code true}: every response whose session was used (read,
     * changed, created or ended) carries {@code Cache-Control: private, no-store}, so that neither a
     * shared cache nor the browser keeps a signed-in page after sign-out; {@code false} sends
     * {@code Cache-Control: private} only with a session cookie.
     *
     * @return whether session responses are marked no-store
     */
    public boolean noStore() {
        return noStore;
    }

    /**
     * {@code SESSION_CROSS_ORIGIN_PROTECTION}, default {@code false}: the adapters answer an unsafe
     * cross-origin request (see {@link CrossOriginProtection#refusal}) with a 403 before the
     * application runs.
     *
     * @return whether the cross-origin guard is on
     */
    public boolean crossOriginProtection() {
        return crossOriginProtection;
    }

    /**
     * {@code SESSION_TRUSTED_ORIGINS}, default empty: origins ({@code https://sso.example.com})
     * whose unsafe requests pass the cross-origin guard and may create a session.
     *
     * @return the origins, possibly empty
     */
    public List<String> trustedOrigins() {
        return trustedOrigins;
    }

    /**
     * {@code SESSION_CROSS_ORIGIN_BYPASS}, default empty: patterns ({@code POST /hooks/}) of
     * requests that pass the cross-origin guard and may create a session.
     *
     * @return the patterns, possibly empty
     */
    public List<String> crossOriginBypass() {
        return crossOriginBypass;
    }

    /**
     * {@code SESSION_CONFIG}, default unset: the path of the properties file that was read instead of {@code session.properties} on the classpath.
     *
     * @return the path, or empty
     */
    public Optional<String> configFile() {
        return Optional.ofNullable(configFile);
    }

    /**
     * The warnings found while validating: environment variables in session4j's namespace that
     * nobody reads. They are also logged.
     *
     * @return the warnings, possibly empty
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Every core setting with its effective value, secrets masked.
     *
     * @return such as {@code CoreSettings{SESSION_TYPE=redis, ..., SECRET_KEY=****, ...}}
     */
    @Override
    public String toString() {
        return "CoreSettings{SESSION_TYPE=" + type + ", SESSION_PERMANENT=" + permanent
                + ", PERMANENT_SESSION_LIFETIME=" + permanentLifetime + ", SESSION_ABSOLUTE_LIFETIME=" + absoluteLifetime
                + ", SESSION_REFRESH_EACH_REQUEST=" + refreshEachRequest + ", SESSION_KEY_PREFIX=" + keyPrefix
                + ", SESSION_ID_LENGTH=" + idLength + ", SESSION_SERIALIZATION_FORMAT=" + serializationFormat
                + ", SESSION_COOKIE_NAME=" + cookieName + ", SESSION_COOKIE_DOMAIN=" + cookieDomain
                + ", SESSION_COOKIE_PATH=" + cookiePath + ", SESSION_COOKIE_HTTPONLY=" + cookieHttpOnly
                + ", SESSION_COOKIE_SECURE=" + cookieSecure + ", SESSION_COOKIE_SAMESITE=" + cookieSameSite
                + ", SESSION_COOKIE_PARTITIONED=" + cookiePartitioned + ", SESSION_ID_HEADER=" + idHeader
                + ", SECRET_KEY=" + (secretKey == null ? null : Secrets.MASK)
                + ", SECRET_KEY_FALLBACKS=" + (secretKeyFallbacks.isEmpty() ? "[]" : "[" + Secrets.MASK + "]")
                + ", SESSION_MAX_SIZE=" + maxSize + ", SESSION_MAX_DEPTH=" + maxDepth
                + ", SESSION_CLEANUP_N_REQUESTS=" + cleanupNRequests + ", SESSION_ENCRYPT=" + encrypt
                + ", SESSION_DELTA_WRITES=" + deltaWrites + ", SESSION_RECORD_CACHE=" + recordCache
                + ", SESSION_NO_STORE=" + noStore + ", SESSION_CROSS_ORIGIN_PROTECTION=" + crossOriginProtection
                + ", SESSION_TRUSTED_ORIGINS=" + trustedOrigins + ", SESSION_CROSS_ORIGIN_BYPASS=" + crossOriginBypass
                + ", SESSION_PRINCIPAL_INDEX=" + principalIndex + ", SESSION_REAUTHENTICATE_AFTER=" + reauthenticateAfter
                + ", SESSION_PRINCIPAL_KEY=" + principalKey + ", SESSION_CONFIG=" + configFile + "}";
    }
}
