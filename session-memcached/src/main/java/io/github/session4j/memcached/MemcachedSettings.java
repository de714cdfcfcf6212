package io.github.session4j.memcached;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.config.Problems;
import io.github.session4j.config.Setting;
import java.net.InetSocketAddress;
import java.time.Duration;
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

    static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(1);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final FailureMode DEFAULT_FAILURE_MODE = FailureMode.Redistribute;
    private static final String AT_LEAST_1MS = "it must be at least 1ms, such as 1s";

    /** The server list: {@code host:port[,host:port...]}, required. */
    static final Setting<List<String>> SERVERS = Setting.list("SESSION_MEMCACHED").defaultValue(List.of(), "— (required)")
            .doc("the servers, host:port[,host:port...]").build();
    /** The timeout of one command. */
    static final Setting<Duration> OPERATION_TIMEOUT = Setting.duration("SESSION_MEMCACHED_OPERATION_TIMEOUT")
            .defaultValue(DEFAULT_OPERATION_TIMEOUT, "1s").check(d -> d.toMillis() >= 1, AT_LEAST_1MS)
            .doc("how long one command may take").build();
    /** The start-up connection timeout. */
    static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("SESSION_MEMCACHED_CONNECT_TIMEOUT")
            .defaultValue(DEFAULT_CONNECT_TIMEOUT, "5s").check(d -> d.toMillis() >= 1, AT_LEAST_1MS)
            .doc("how long start-up waits for every server to accept a connection").build();
    /** {@code redistribute}, {@code cancel} or {@code retry}. */
    static final Setting<FailureMode> FAILURE_MODE = Setting.of("SESSION_MEMCACHED_FAILURE_MODE",
                    MemcachedSettings::failureMode)
            .defaultValue(DEFAULT_FAILURE_MODE, "redistribute").doc("what happens to the keys of a server that is down")
            .build();

    /** Every setting this backend reads. */
    static final List<Setting<?>> SETTINGS = List.of(SERVERS, OPERATION_TIMEOUT, CONNECT_TIMEOUT, FAILURE_MODE);

    /**
     * Reads and validates the settings, reporting every problem at once.
     *
     * @param config the configuration
     * @param keyPrefix the core's {@code SESSION_KEY_PREFIX}, checked against memcached's key rules
     * @return the settings
     * @throws SessionConfigException naming every missing or invalid setting
     */
    static MemcachedSettings from(SessionConfig config, String keyPrefix) {
        Problems problems = new Problems();
        List<InetSocketAddress> servers = servers(config, problems);
        Duration operationTimeout = OPERATION_TIMEOUT.read(config, problems);
        Duration connectTimeout = CONNECT_TIMEOUT.read(config, problems);
        FailureMode failureMode = FAILURE_MODE.read(config, problems);
        MemcachedKeys.checkPrefix(keyPrefix).ifPresent(problems::add);
        problems.throwIfAny(Problems.heading("memcached"));
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

    private static List<InetSocketAddress> servers(SessionConfig config, Problems problems) {
        List<String> items = SERVERS.read(config, problems);
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

    private static FailureMode failureMode(String raw) {
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "redistribute": return FailureMode.Redistribute;
            case "cancel": return FailureMode.Cancel;
            case "retry": return FailureMode.Retry;
            default: throw new IllegalArgumentException("it must be redistribute, cancel or retry");
        }
    }
}
