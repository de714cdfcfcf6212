package io.github.session4j.memcached;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.spy.memcached.FailureMode;

/**
 * The validated settings of the memcached backend, read through {@link SessionConfig}.
 *
 * @param servers the servers of the pool, in the configured order, not yet resolved
 * @param operationTimeout how long one command may take before it fails
 * @param connectTimeout how long start-up waits for every server to accept a connection
 * @param failureMode what happens to the keys of a server that is down
 * @param keyPrefix the core's {@code SESSION_KEY_PREFIX}, checked against memcached's key rules
 */
record MemcachedSettings(
        List<InetSocketAddress> servers,
        Duration operationTimeout,
        Duration connectTimeout,
        FailureMode failureMode,
        String keyPrefix) {

    /** The server list: {@code host:port[,host:port...]}, required. */
    static final String SERVERS = "SESSION_MEMCACHED";
    /** The timeout of one command. */
    static final String OPERATION_TIMEOUT = "SESSION_MEMCACHED_OPERATION_TIMEOUT";
    /** The start-up connection timeout. */
    static final String CONNECT_TIMEOUT = "SESSION_MEMCACHED_CONNECT_TIMEOUT";
    /** {@code redistribute}, {@code cancel} or {@code retry}. */
    static final String FAILURE_MODE = "SESSION_MEMCACHED_FAILURE_MODE";
    /** The core's key prefix, read to check it against memcached's key rules at start-up. */
    static final String KEY_PREFIX = "SESSION_KEY_PREFIX";

    static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final FailureMode DEFAULT_FAILURE_MODE = FailureMode.Redistribute;
    static final String DEFAULT_KEY_PREFIX = "session:";

    /** Every key this backend reads. */
    static final Set<String> KEYS = Set.of(SERVERS, OPERATION_TIMEOUT, CONNECT_TIMEOUT, FAILURE_MODE, KEY_PREFIX);

    /**
     * Reads and validates the settings, reporting every problem at once.
     *
     * @param config the configuration
     * @return the settings
     * @throws SessionConfigException naming every missing or invalid setting
     */
    static MemcachedSettings from(SessionConfig config) {
        List<String> problems = new ArrayList<>();
        List<InetSocketAddress> servers = servers(config, problems);
        Duration operationTimeout = positiveDuration(config, OPERATION_TIMEOUT, DEFAULT_OPERATION_TIMEOUT, problems);
        Duration connectTimeout = positiveDuration(config, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT, problems);
        FailureMode failureMode = failureMode(config, problems);
        String keyPrefix = config.getString(KEY_PREFIX, DEFAULT_KEY_PREFIX);
        MemcachedKeys.checkPrefix(keyPrefix).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new SessionConfigException(String.join("\n", problems));
        }
        return new MemcachedSettings(servers, operationTimeout, connectTimeout, failureMode, keyPrefix);
    }

    /**
     * The failure mode as it is spelled in the setting.
     *
     * @return {@code redistribute}, {@code cancel} or {@code retry}
     */
    String failureModeName() {
        return failureMode.name().toLowerCase(Locale.ROOT);
    }

    private static List<InetSocketAddress> servers(SessionConfig config, List<String> problems) {
        List<String> items = config.getList(SERVERS);
        if (items.isEmpty()) {
            problems.add(SERVERS + " is not set but the memcached backend needs it: set it to host:port[,host:port...],"
                    + " such as 127.0.0.1:11211");
            return List.of();
        }
        Set<InetSocketAddress> servers = new LinkedHashSet<>();
        for (String item : items) {
            parseServer(item).ifPresentOrElse(
                    address -> {
                        if (!servers.add(address)) {
                            problems.add(SERVERS + " lists '" + item + "' twice; list each server once");
                        }
                    },
                    () -> problems.add(SERVERS + " item '" + item + "' must be host:port with a port from 1 to 65535,"
                            + " such as 127.0.0.1:11211 or [::1]:11211"));
        }
        return List.copyOf(servers);
    }

    private static Optional<InetSocketAddress> parseServer(String item) {
        int colon = item.lastIndexOf(':');
        if (colon <= 0 || colon == item.length() - 1) {
            return Optional.empty();
        }
        String host = item.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return Optional.empty();
        }
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(item.substring(colon + 1));
            return port >= 1 && port <= 65535 ? Optional.of(InetSocketAddress.createUnresolved(host, port)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration positiveDuration(SessionConfig config, String key, Duration defaultValue, List<String> problems) {
        Duration value;
        try {
            value = config.getDuration(key, defaultValue);
        } catch (SessionConfigException e) {
            problems.add(e.getMessage());
            return defaultValue;
        }
        if (value.toMillis() < 1) {
            problems.add(key + " was '" + config.getString(key, "") + "' but it must be at least 1ms, such as 1s");
            return defaultValue;
        }
        return value;
    }

    private static FailureMode failureMode(SessionConfig config, List<String> problems) {
        String value = config.getString(FAILURE_MODE, DEFAULT_FAILURE_MODE.name()).trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "redistribute": return FailureMode.Redistribute;
            case "cancel": return FailureMode.Cancel;
            case "retry": return FailureMode.Retry;
            default:
                problems.add(FAILURE_MODE + " was '" + config.getString(FAILURE_MODE, "")
                        + "' but it must be redistribute, cancel or retry");
                return DEFAULT_FAILURE_MODE;
        }
    }
}
