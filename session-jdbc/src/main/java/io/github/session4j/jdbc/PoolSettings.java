package io.github.session4j.jdbc;

import com.zaxxer.hikari.HikariConfig;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.config.Problems;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * HikariCP settings passed through as {@code SESSION_JDBC_POOL_<PROPERTY>}, where
 * {@code <PROPERTY>} is the HikariCP property name in upper snake case:
 * {@code SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE} sets {@code maximumPoolSize}.
 *
 * <p>Every HikariCP property with an {@code int}, {@code long}, {@code boolean} or {@code String}
 * value is accepted, except those that session4j sets from its own keys. Time properties
 * ({@code long}, milliseconds in HikariCP) also accept durations such as {@code 10m}.
 */
final class PoolSettings {

    /** The prefix of every pass-through key. */
    static final String PREFIX = "SESSION_JDBC_POOL_";

    /** HikariCP properties (as key suffixes) that session4j sets itself, with the key to use instead. */
    private static final Map<String, String> RESERVED = Map.of(
            "JDBC_URL", JdbcSettings.URL,
            "USERNAME", JdbcSettings.USER,
            "PASSWORD", JdbcSettings.PASSWORD,
            "CONNECTION_TIMEOUT", JdbcSettings.CONNECT_TIMEOUT,
            "INITIALIZATION_FAIL_TIMEOUT", JdbcSettings.CONNECT_TIMEOUT,
            "DATA_SOURCE_CLASS_NAME", JdbcSettings.URL,
            "DATA_SOURCE_JNDI", JdbcSettings.URL,
            "READ_ONLY", "nothing (session4j writes to the table)");

    /** Settable properties by upper snake case key suffix. */
    private static final Map<String, Method> SETTERS = settableProperties();

    private final Map<String, Object> values;

    private PoolSettings(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The keys of every supported pass-through property.
     *
     * @return keys such as {@code SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE}
     */
    static Set<String> keys() {
        return SETTERS.keySet().stream().map(suffix -> PREFIX + suffix).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Reads every {@code SESSION_JDBC_POOL_*} key of {@code config}.
     *
     * @param config the configuration
     * @param problems collects one line per invalid key
     * @return the parsed values
     */
    static PoolSettings from(SessionConfig config, Problems problems) {
        Map<String, Object> values = new TreeMap<>();
        for (String key : config.keys()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String suffix = key.substring(PREFIX.length());
            Method setter = SETTERS.get(suffix);
            if (RESERVED.containsKey(suffix)) {
                problems.add(key + " sets the HikariCP property " + camelCase(suffix)
                        + ", which session4j sets itself; use " + RESERVED.get(suffix) + " instead");
            } else if (setter == null) {
                problems.add(key + " names the HikariCP property " + camelCase(suffix)
                        + ", which does not exist or cannot be set from text; supported suffixes: "
                        + String.join(", ", SETTERS.keySet()));
            } else {
                try {
                    values.put(suffix, parse(config, key, setter.getParameterTypes()[0]));
                } catch (SessionConfigException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return new PoolSettings(values);
    }

    /**
     * Sets every value on {@code hikari}.
     *
     * @param hikari the pool configuration
     */
    void applyTo(HikariConfig hikari) {
        values.forEach((suffix, value) -> {
            try {
                SETTERS.get(suffix).invoke(hikari, value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new SessionConfigException("HikariCP refused " + PREFIX + suffix + "=" + value
                        + ": " + e.getCause().getMessage(), e);
            }
        });
    }

    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> camelCase(e.getKey()) + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static Object parse(SessionConfig config, String key, Class<?> type) {
        String text = config.getString(key, "").trim();
        if (type == String.class) {
            return text;
        }
        if (type == boolean.class) {
            return config.getBoolean(key, false);
        }
        if (type == int.class) {
            return config.getInt(key, 0);
        }
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        try {
            return config.getDuration(key).orElseThrow().toMillis();
        } catch (SessionConfigException e) {
            throw new SessionConfigException(key + " was '" + text
                    + "' but it must be a number of milliseconds or a duration such as 30s or 10m", e);
        }
    }

    private static Map<String, Method> settableProperties() {
        Map<String, Method> setters = new TreeMap<>();
        for (Method method : HikariConfig.class.getMethods()) {
            if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
                Class<?> type = method.getParameterTypes()[0];
                String suffix = upperSnakeCase(method.getName().substring(3));
                boolean textual = type == String.class || type == int.class || type == long.class
                        || type == boolean.class;
                if (textual && !RESERVED.containsKey(suffix)) {
                    setters.put(suffix, method);
                }
            }
        }
        return Collections.unmodifiableMap(setters);
    }

    /** {@code MaximumPoolSize} becomes {@code MAXIMUM_POOL_SIZE}, {@code DataSourceJNDI} {@code DATA_SOURCE_JNDI}. */
    static String upperSnakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** {@code MAXIMUM_POOL_SIZE} becomes {@code maximumPoolSize}. */
    static String camelCase(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String part : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            if (part.isEmpty()) {
                continue;
            }
            out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }
}
