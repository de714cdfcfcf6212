package io.github.session4j;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One typed, read-only view of the settings, merged from built-in defaults, a properties file,
 * the environment, system properties and values set in code (later wins).
 *
 * <p>Keys are accepted in either spelling: {@code SESSION_COOKIE_NAME} and
 * {@code session.cookie.name} are the same key. Only this class reads raw strings from the
 * environment, system properties or files.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SessionConfig {

    private final Map<String, String> values;
    private final Clock clock;

    private SessionConfig(Map<String, String> values, Clock clock) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.clock = clock;
    }

    /**
     * Starts a configuration with no source but values set in code.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Converts either spelling of a key to the canonical upper snake case:
     * {@code session.cookie.name} becomes {@code SESSION_COOKIE_NAME}.
     *
     * @param key a key in either spelling
     * @return the canonical key
     */
    public static String canonicalKey(String key) {
        return key.trim().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The raw value of a key.
     *
     * @param key the key, in either spelling
     * @return the value, or empty when unset
     */
    public Optional<String> getString(String key) {
        return Optional.ofNullable(values.get(canonicalKey(key)));
    }

    /**
     * The raw value of a key, or a default.
     *
     * @param key the key, in either spelling
     * @param defaultValue returned when the key is unset
     * @return the value or the default
     */
    public String getString(String key, String defaultValue) {
        return getString(key).orElse(defaultValue);
    }

    /**
     * An integer setting.
     *
     * @param key the key, in either spelling
     * @param defaultValue returned when the key is unset
     * @return the value or the default
     * @throws SessionConfigException if the value is not an integer
     */
    public int getInt(String key, int defaultValue) {
        return getString(key).map(v -> parseInt(key, v)).orElse(defaultValue);
    }

    /**
     * A boolean setting: {@code true} or {@code false}, in any case.
     *
     * @param key the key, in either spelling
     * @param defaultValue returned when the key is unset
     * @return the value or the default
     * @throws SessionConfigException if the value is neither {@code true} nor {@code false}
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        return getString(key).map(v -> parseBoolean(key, v)).orElse(defaultValue);
    }

    /**
     * A duration setting: {@code 500ms}, {@code 30s}, {@code 30m}, {@code 12h}, {@code 31d}, or
     * ISO-8601 such as {@code PT30M}.
     *
     * @param key the key, in either spelling
     * @return the value, or empty when unset
     * @throws SessionConfigException if the value is not a duration
     */
    public Optional<Duration> getDuration(String key) {
        return getString(key).map(v -> parseDuration(key, v));
    }

    /**
     * A duration setting with a default.
     *
     * @param key the key, in either spelling
     * @param defaultValue returned when the key is unset
     * @return the value or the default
     * @throws SessionConfigException if the value is not a duration
     */
    public Duration getDuration(String key, Duration defaultValue) {
        return getDuration(key).orElse(defaultValue);
    }

    /**
     * A comma-separated list setting, items trimmed, empty items dropped.
     *
     * @param key the key, in either spelling
     * @return the items, empty when unset
     */
    public List<String> getList(String key) {
        List<String> items = new ArrayList<>();
        getString(key).ifPresent(v -> {
            for (String item : v.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        });
        return List.copyOf(items);
    }

    /**
     * The clock that every expiry decision uses; settable in code for tests.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The canonical keys that have a value.
     *
     * @return the keys, sorted
     */
    public Set<String> keys() {
        return values.keySet();
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SessionConfigException(canonicalKey(key) + " was '" + value + "' but it must be an integer");
        }
    }

    private static boolean parseBoolean(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new SessionConfigException(canonicalKey(key) + " was '" + value + "' but it must be true or false");
    }

    static Duration parseDuration(String key, String value) {
        String v = value.trim();
        try {
            if (v.regionMatches(true, 0, "P", 0, 1)) {
                return Duration.parse(v);
            }
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
            }
            long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
            switch (lower.charAt(lower.length() - 1)) {
                case 's': return Duration.ofSeconds(amount);
                case 'm': return Duration.ofMinutes(amount);
                case 'h': return Duration.ofHours(amount);
                case 'd': return Duration.ofDays(amount);
                default: break;
            }
        } catch (RuntimeException e) {
            // reported below with the key and the accepted forms
        }
        throw new SessionConfigException(canonicalKey(key) + " was '" + value
                + "' but it must be a duration such as 500ms, 30s, 30m, 12h, 31d or PT30M");
    }

    /**
     * Collects values set in code and the sources to merge.
     */
    public static final class Builder {

        private final Map<String, String> values = new TreeMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets a value in code; values set in code win over every other source.
         *
         * @param key the key, in either spelling
         * @param value the value
         * @return this builder
         */
        public Builder put(String key, String value) {
            values.put(canonicalKey(key), value);
            return this;
        }

        /**
         * Sets several values in code.
         *
         * @param entries keys in either spelling, with their values
         * @return this builder
         */
        public Builder putAll(Map<String, String> entries) {
            entries.forEach(this::put);
            return this;
        }

        /**
         * Sets the clock used for every expiry decision (tests inject a fixed or moving clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Freezes the configuration.
         *
         * @return the configuration
         */
        public SessionConfig build() {
            return new SessionConfig(values, clock);
        }
    }
}
