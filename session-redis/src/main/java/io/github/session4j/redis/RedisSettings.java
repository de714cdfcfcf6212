package io.github.session4j.redis;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The validated settings of the Redis backend: where Redis is, whether it is a cluster, and the
 * timeouts. Built by {@link #from(SessionConfig)}, which reports every invalid setting at once.
 *
 * @param uris the Lettuce URIs: one for a server or a Sentinel group, one per seed node for a
 *     cluster; each carries the command timeout and the client name
 * @param cluster whether {@code uris} are Redis Cluster seed nodes
 * @param connectTimeout the bound for opening a TCP connection and for the start-up check
 * @param commandTimeout the bound for one command
 * @param clientName the name shown by {@code CLIENT LIST}
 * @param tlsCaFile PEM certificates to trust for TLS instead of the JDK's trust store, or null
 * @param target the configured {@code SESSION_REDIS}, password masked, for messages
 */
record RedisSettings(
        List<RedisURI> uris,
        boolean cluster,
        Duration connectTimeout,
        Duration commandTimeout,
        String clientName,
        Path tlsCaFile,
        String target) {

    static final String REDIS = "SESSION_REDIS";
    static final String CLUSTER = "SESSION_REDIS_CLUSTER";
    static final String CONNECT_TIMEOUT = "SESSION_REDIS_CONNECT_TIMEOUT";
    static final String COMMAND_TIMEOUT = "SESSION_REDIS_COMMAND_TIMEOUT";
    static final String CLIENT_NAME = "SESSION_REDIS_CLIENT_NAME";
    static final String TLS_CA_FILE = "SESSION_REDIS_TLS_CA_FILE";

    /** Every key this backend reads. */
    static final Set<String> KEYS = Set.of(REDIS, CLUSTER, CONNECT_TIMEOUT, COMMAND_TIMEOUT, CLIENT_NAME, TLS_CA_FILE);

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);
    static final String DEFAULT_CLIENT_NAME = "session4j";

    private static final Set<String> SERVER_SCHEMES = Set.of("redis", "rediss");
    private static final Set<String> SENTINEL_SCHEMES = Set.of("redis-sentinel", "rediss-sentinel");
    private static final Pattern CLIENT_NAME_PATTERN = Pattern.compile("[!-~]{1,64}");

    /**
     * Reads and validates the backend's settings.
     *
     * @param config the configuration
     * @return the settings
     * @throws SessionConfigException naming every invalid setting, one per line
     */
    static RedisSettings from(SessionConfig config) {
        List<String> problems = new ArrayList<>();
        boolean cluster = read(problems, false, () -> config.getBoolean(CLUSTER, false));
        Duration connectTimeout = positive(problems, CONNECT_TIMEOUT,
                read(problems, DEFAULT_CONNECT_TIMEOUT, () -> config.getDuration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT)));
        Duration commandTimeout = positive(problems, COMMAND_TIMEOUT,
                read(problems, DEFAULT_COMMAND_TIMEOUT, () -> config.getDuration(COMMAND_TIMEOUT, DEFAULT_COMMAND_TIMEOUT)));
        String clientName = config.getString(CLIENT_NAME, DEFAULT_CLIENT_NAME);
        if (!CLIENT_NAME_PATTERN.matcher(clientName).matches()) {
            problems.add(CLIENT_NAME + " was '" + clientName
                    + "' but it must be 1 to 64 printable ASCII characters without spaces");
        }
        String raw = config.getString(REDIS).map(String::trim).orElse("");
        List<RedisURI> uris = raw.isEmpty() ? missing(problems) : parse(problems, raw, cluster);
        Path tlsCaFile = config.getString(TLS_CA_FILE).map(String::trim).map(Path::of).orElse(null);
        if (tlsCaFile != null && !(Files.isRegularFile(tlsCaFile) && Files.isReadable(tlsCaFile))) {
            problems.add(TLS_CA_FILE + " was '" + tlsCaFile + "' but that is not a readable file;"
                    + " give the path of the PEM certificate(s) of the CA that signed the Redis server's certificate");
        } else if (tlsCaFile != null && !uris.isEmpty() && uris.stream().noneMatch(RedisURI::isSsl)) {
            problems.add(TLS_CA_FILE + " is set but " + REDIS + " does not use TLS: use rediss:// (or rediss-sentinel://)");
        }
        if (!problems.isEmpty()) {
            throw new SessionConfigException("Invalid Redis settings:\n" + String.join("\n", problems));
        }
        for (RedisURI uri : uris) {
            uri.setTimeout(commandTimeout);
            uri.setClientName(clientName);
        }
        return new RedisSettings(List.copyOf(uris), cluster, connectTimeout, commandTimeout, clientName, tlsCaFile,
                UriMasking.mask(raw));
    }

    private static List<RedisURI> missing(List<String> problems) {
        problems.add(REDIS + " is not set: give the Redis URI, such as redis://localhost:6379/0"
                + " (rediss:// for TLS, redis-sentinel://host1:26379,host2:26379?sentinelMasterId=mymaster"
                + " for Sentinel), or a comma-separated list of node URIs with " + CLUSTER + "=true;"
                + " there is no default");
        return List.of();
    }

    private static List<RedisURI> parse(List<String> problems, String raw, boolean cluster) {
        if (!cluster) {
            String scheme = scheme(raw);
            if (raw.contains(",") && !SENTINEL_SCHEMES.contains(scheme)) {
                problems.add(REDIS + " was '" + UriMasking.mask(raw) + "', a list of several URIs, but "
                        + CLUSTER + " is false: set " + CLUSTER + "=true for a Redis Cluster or give one URI");
                return List.of();
            }
            if (SENTINEL_SCHEMES.contains(scheme) && !raw.contains("sentinelMasterId=") && !raw.contains("#")) {
                problems.add(REDIS + " was '" + UriMasking.mask(raw) + "' but a Sentinel URI must name the master,"
                        + " such as redis-sentinel://host1:26379,host2:26379?sentinelMasterId=mymaster");
                return List.of();
            }
            RedisURI uri = parseOne(problems, raw, scheme, SERVER_SCHEMES.contains(scheme) || SENTINEL_SCHEMES.contains(scheme),
                    "redis://, rediss://, redis-sentinel:// or rediss-sentinel://");
            return uri == null ? List.of() : List.of(uri);
        }
        List<RedisURI> uris = new ArrayList<>();
        for (String item : raw.split(",")) {
            String node = item.trim();
            if (node.isEmpty()) {
                continue;
            }
            RedisURI uri = parseOne(problems, node, scheme(node), SERVER_SCHEMES.contains(scheme(node)),
                    "redis:// or rediss:// (a Redis Cluster node)");
            if (uri != null && uri.getDatabase() != 0) {
                problems.add(REDIS + " node '" + UriMasking.mask(node) + "' selects database " + uri.getDatabase()
                        + " but a Redis Cluster has only database 0: remove the database from the URI");
            } else if (uri != null) {
                uris.add(uri);
            }
        }
        return uris;
    }

    private static RedisURI parseOne(List<String> problems, String raw, String scheme, boolean accepted, String expected) {
        if (!accepted) {
            problems.add(REDIS + " was '" + UriMasking.mask(raw) + "' but it must start with " + expected);
            return null;
        }
        try {
            return RedisURI.create(raw);
        } catch (RuntimeException e) {
            // Lettuce's message may repeat the raw URI with its password: say what is wrong ourselves
            problems.add(REDIS + " was '" + UriMasking.mask(raw) + "' but it is not a valid Redis URI;"
                    + " expected a form such as " + scheme + "://[[user:]password@]host[:port][/database]");
            return null;
        }
    }

    private static String scheme(String uri) {
        int end = uri.indexOf("://");
        return end < 0 ? "" : uri.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static <T> T read(List<String> problems, T fallback, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (SessionConfigException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }

    private static Duration positive(List<String> problems, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + " was " + value + " but it must be a positive duration such as 500ms or 2s");
        }
        return value;
    }
}
