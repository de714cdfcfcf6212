package io.github.session4j.spring;

import io.github.session4j.SessionConfig;
import io.github.session4j.config.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's {@code spring.data.redis.*} settings turned into session4j's Redis settings, for
 * an application that configures Redis once for Spring Data Redis and sets no
 * {@code session.redis}. Read only when something locates the server ({@code url}, {@code host},
 * {@code port}, {@code cluster.nodes} or {@code sentinel.master}): Boot's implicit
 * {@code localhost:6379} is not assumed, as session-redis assumes no default either.
 *
 * @param settings session4j keys and their values, empty when Boot's settings locate no server
 * @param warnings one line per Boot setting that session4j does not honour
 * @param summary what was used, password masked, for the start-up log
 */
record SpringDataRedisSettings(Map<String, String> settings, List<String> warnings, String summary) {

    static final String PREFIX = "spring.data.redis.";

    /**
     * Reads Boot's settings.
     *
     * @param environment the environment
     * @return the settings, empty when Boot's settings do not locate a server
     */
    static SpringDataRedisSettings read(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Optional<String> url = string(binder, "url");
        Optional<String> host = string(binder, "host");
        Optional<String> port = string(binder, "port");
        List<String> clusterNodes = list(binder, "cluster.nodes");
        Optional<String> sentinelMaster = string(binder, "sentinel.master");
        if (url.isEmpty() && host.isEmpty() && port.isEmpty() && clusterNodes.isEmpty() && sentinelMaster.isEmpty()) {
            return new SpringDataRedisSettings(Map.of(), List.of(), "");
        }
        boolean ssl = string(binder, "ssl.enabled").map(Boolean::parseBoolean).orElse(false)
                || string(binder, "ssl.bundle").isPresent();
        String scheme = ssl ? "rediss" : "redis";
        String auth = auth(string(binder, "username"), string(binder, "password"));
        String database = string(binder, "database").map(String::trim).orElse("0");
        String uri;
        if (url.isPresent()) {
            uri = url.get().trim();
        } else if (!clusterNodes.isEmpty()) {
            settings.put("SESSION_REDIS_CLUSTER", "true");
            List<String> nodes = new ArrayList<>();
            clusterNodes.forEach(node -> nodes.add(scheme + "://" + auth + node.trim()));
            uri = String.join(",", nodes);
        } else if (sentinelMaster.isPresent()) {
            List<String> nodes = list(binder, "sentinel.nodes");
            uri = scheme + "-sentinel://" + auth + String.join(",", nodes) + "/" + database
                    + "?sentinelMasterId=" + encode(sentinelMaster.get().trim());
            if (string(binder, "sentinel.password").isPresent() || string(binder, "sentinel.username").isPresent()) {
                warnings.add(PREFIX + "sentinel.username and .password are not honoured: session-redis authenticates"
                        + " to the Sentinels with the password of the data nodes; set session.redis to a"
                        + " redis-sentinel:// URI if they differ");
            }
        } else {
            uri = scheme + "://" + auth + host.map(String::trim).orElse("localhost") + ":"
                    + port.map(String::trim).orElse("6379") + "/" + database;
        }
        settings.put("SESSION_REDIS", uri);
        string(binder, "timeout").ifPresent(v -> settings.put("SESSION_REDIS_COMMAND_TIMEOUT", duration(v)));
        string(binder, "connect-timeout").ifPresent(v -> settings.put("SESSION_REDIS_CONNECT_TIMEOUT", duration(v)));
        string(binder, "client-name").ifPresent(v -> settings.put("SESSION_REDIS_CLIENT_NAME", v.trim()));
        string(binder, "ssl.bundle").ifPresent(v -> warnings.add(PREFIX + "ssl.bundle=" + v + " is not honoured:"
                + " session-redis uses TLS with the JDK's trust store, or with the CA certificates in"
                + " session.redis.tls-ca-file"));
        if (!list(binder, "masterreplica.nodes").isEmpty()) {
            warnings.add(PREFIX + "masterreplica.nodes is not honoured: session-redis connects to one server, a"
                    + " Sentinel group or a Cluster");
        }
        return new SpringDataRedisSettings(Map.copyOf(settings), List.copyOf(warnings),
                "SESSION_REDIS=" + Secrets.maskUriPasswords(uri));
    }

    /**
     * Whether Boot's settings located a Redis server.
     *
     * @return true when {@link #settings()} holds {@code SESSION_REDIS}
     */
    boolean located() {
        return settings.containsKey("SESSION_REDIS");
    }

    private static String auth(Optional<String> username, Optional<String> password) {
        if (password.isEmpty()) {
            return username.map(u -> encode(u) + "@").orElse("");
        }
        return username.map(SpringDataRedisSettings::encode).orElse("") + ":" + encode(password.get()) + "@";
    }

    private static String duration(String raw) {
        Duration duration = DurationStyle.detectAndParse(raw.trim());
        return duration.toString();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, which Lettuce's URI parsing decodes. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static Optional<String> string(Binder binder, String name) {
        return Optional.ofNullable(binder.bind(PREFIX + name, Bindable.of(String.class)).orElse(null))
                .filter(v -> !v.isBlank());
    }

    private static List<String> list(Binder binder, String name) {
        return binder.bind(PREFIX + name, Bindable.listOf(String.class)).orElse(List.of());
    }

    /**
     * Whether session4j's own Redis location is set.
     *
     * @param config session4j's configuration
     * @return true when {@code SESSION_REDIS} is set
     */
    static boolean ownLocationSet(SessionConfig config) {
        return config.getString("SESSION_REDIS").isPresent();
    }
}
