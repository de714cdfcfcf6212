package io.github.session4j.redis;

import io.github.session4j.SessionConfig;
import io.github.session4j.spi.BackendContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Keys and backends the way the core hands them over: a prefix and 43 base64url characters. */
final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /**
     * A prefix no other test uses.
     *
     * @return such as {@code t1a2b3c:}
     */
    static String uniquePrefix() {
        return "t" + Long.toHexString(RANDOM.nextLong()) + ":";
    }

    /**
     * A key under a prefix, shaped like a hashed session ID.
     *
     * @param prefix the prefix
     * @return the key
     */
    static String key(String prefix) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    /**
     * A principal key the way the core hands it over: 43 base64url characters, no prefix.
     *
     * @return the principal key
     */
    static String principalKey() {
        return key("");
    }

    /**
     * Creates the backend through its provider, with a connect timeout of 30s and a command
     * timeout of 5s unless {@code settings} give them.
     *
     * @param prefix the key prefix
     * @param settings the backend settings
     * @return the backend
     */
    static RedisSessionInterface backend(String prefix, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("SESSION_TYPE", "redis");
        all.put("SESSION_KEY_PREFIX", prefix);
        // 2 shared cores under heavy load (a cold first connect took over 5 s): generous bounds,
        // except where a test sets its own
        all.putIfAbsent("SESSION_REDIS_CONNECT_TIMEOUT", "30s");
        all.putIfAbsent("SESSION_REDIS_COMMAND_TIMEOUT", "5s");
        RedisSessionInterfaceProvider provider = new RedisSessionInterfaceProvider();
        return (RedisSessionInterface) provider.create(
                BackendContext.validate(provider, SessionConfig.builder().putAll(all).build(), Clock.systemUTC()));
    }
}
