package io.github.session4j.redis;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.config.Problems;
import io.github.session4j.config.Setting;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);
    static final String DEFAULT_CLIENT_NAME = "session4j";
    private static final String POSITIVE = "it must be a positive duration such as 500ms or 2s";
    private static final Pattern CLIENT_NAME_PATTERN = Pattern.compile("[!-~]{1,64}");

    static final Setting<String> REDIS = Setting.trimmed("SESSION_REDIS").defaultText("— (required)")
            .doc("the Redis URI, or the seed nodes of a cluster").build();
    static final Setting<Boolean> CLUSTER = Setting.bool("SESSION_REDIS_CLUSTER").defaultValue(false)
            .doc("SESSION_REDIS lists the seed nodes of a Redis Cluster").build();
    static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("SESSION_REDIS_CONNECT_TIMEOUT")
            .defaultValue(DEFAULT_CONNECT_TIMEOUT, "10s").check(RedisSettings::positive, POSITIVE)
            .doc("bound for opening a TCP connection, and for the whole start-up check").build();
    static final Setting<Duration> COMMAND_TIMEOUT = Setting.duration("SESSION_REDIS_COMMAND_TIMEOUT")
            .defaultValue(DEFAULT_COMMAND_TIMEOUT, "1s").check(RedisSettings::positive, POSITIVE)
            .doc("a command with no answer after this fails").build();
    static final Setting<String> CLIENT_NAME = Setting.string("SESSION_REDIS_CLIENT_NAME")
            .defaultValue(DEFAULT_CLIENT_NAME).check(v -> CLIENT_NAME_PATTERN.matcher(v).matches(),
                    "it must be 1 to 64 printable ASCII characters without spaces")
            .doc("the name CLIENT LIST shows for the connection").build();
    static final Setting<String> TLS_CA_FILE = Setting.trimmed("SESSION_REDIS_TLS_CA_FILE")
            .defaultText("unset: the JDK's trust store").doc("with rediss://, a PEM file of the CA certificates to trust").build();

    /** Every setting this backend reads. */
    static final List<Setting<?>> SETTINGS = List.of(REDIS, CLUSTER, CONNECT_TIMEOUT, COMMAND_TIMEOUT, CLIENT_NAME,
            TLS_CA_FILE);

    private static final Set<String> SERVER_SCHEMES = Set.of("redis", "rediss");
    private static final Set<String> SENTINEL_SCHEMES = Set.of("redis-sentinel", "rediss-sentinel");

    /**
     * Reads and validates the backend's settings.
     *
     * @param config the configuration
     * @return the settings
     * @throws SessionConfigException naming every invalid setting, one per line
     */
    static RedisSettings from(SessionConfig config) {
        Problems problems = new Problems();
        boolean cluster = CLUSTER.read(config, problems);
        Duration connectTimeout = CONNECT_TIMEOUT.read(config, problems);
        Duration commandTimeout = COMMAND_TIMEOUT.read(config, problems);
        String clientName = CLIENT_NAME.read(config, problems);
        String raw = config.getString(REDIS.key()).map(String::trim).orElse("");
        List<RedisURI> uris = raw.isEmpty() ? missing(problems) : parse(problems, raw, cluster);
        Path tlsCaFile = config.getString(TLS_CA_FILE.key()).map(String::trim).map(Path::of).orElse(null);
        if (tlsCaFile != null && !(Files.isRegularFile(tlsCaFile) && Files.isReadable(tlsCaFile))) {
            problems.add(TLS_CA_FILE.key() + " was '" + tlsCaFile + "' but that is not a readable file;"
                    + " give the path of the PEM certificate(s) of the CA that signed the Redis server's certificate");
        } else if (tlsCaFile != null && !uris.isEmpty() && uris.stream().noneMatch(RedisURI::isSsl)) {
            problems.add(TLS_CA_FILE.key() + " is set but " + REDIS.key()
                    + " does not use TLS: use rediss:// (or rediss-sentinel://)");
        }
        problems.throwIfAny(Problems.heading("redis"));
        for (RedisURI uri : uris) {
            uri.setTimeout(commandTimeout);
            uri.setClientName(clientName);
        }
        return new RedisSettings(List.copyOf(uris), cluster, connectTimeout, commandTimeout, clientName, tlsCaFile,
                UriMasking.mask(raw));
    }

    private static List<RedisURI> missing(Problems problems) {
        problems.add(REDIS.key() + " is not set: give the Redis URI, such as redis://localhost:6379/0"
                + " (rediss:// for TLS, redis-sentinel://host1:26379,host2:26379?sentinelMasterId=mymaster"
                + " for Sentinel), or a comma-separated list of node URIs with " + CLUSTER.key() + "=true;"
                + " there is no default");
        return List.of();
    }

    private static List<RedisURI> parse(Problems problems, String raw, boolean cluster) {
        if (!cluster) {
            String scheme = scheme(raw);
            if (raw.contains(",") && !SENTINEL_SCHEMES.contains(scheme)) {
                problems.add(REDIS.key() + " was '" + UriMasking.mask(raw) + "', a list of several URIs, but "
                        + CLUSTER.key() + " is false: set " + CLUSTER.key() + "=true for a Redis Cluster or give one URI");
                return List.of();
            }
            if (SENTINEL_SCHEMES.contains(scheme) && !raw.contains("sentinelMasterId=") && !raw.contains("#")) {
                problems.add(REDIS.key() + " was '" + UriMasking.mask(raw) + "' but a Sentinel URI must name the master,"
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
                problems.add(REDIS.key() + " node '" + UriMasking.mask(node) + "' selects database " + uri.getDatabase()
                        + " but a Redis Cluster has only database 0: remove the database from the URI");
            } else if (uri != null) {
                uris.add(uri);
            }
        }
        return uris;
    }

    private static RedisURI parseOne(Problems problems, String raw, String scheme, boolean accepted, String expected) {
        if (!accepted) {
            problems.add(REDIS.key() + " was '" + UriMasking.mask(raw) + "' but it must start with " + expected);
            return null;
        }
        try {
            return RedisURI.create(raw);
        } catch (RuntimeException e) {
            // Lettuce's message may repeat the raw URI with its password: say what is wrong ourselves
            problems.add(REDIS.key() + " was '" + UriMasking.mask(raw) + "' but it is not a valid Redis URI;"
                    + " expected a form such as " + scheme + "://[[user:]password@]host[:port][/database]");
            return null;
        }
    }

    private static String scheme(String uri) {
        int end = uri.indexOf("://");
        return end < 0 ? "" : uri.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static boolean positive(Duration value) {
        return !value.isNegative() && !value.isZero();
    }
}
