package io.github.session4j;

import io.github.session4j.config.ByteSize;
import io.github.session4j.config.ConfigSource;
import io.github.session4j.config.KeyNamespace;
import io.github.session4j.config.PropertiesFile;
import io.github.session4j.config.Secrets;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
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
 * <p>Sources, later wins: the properties file ({@code session.properties} on the classpath, or
 * the file named by {@code SESSION_CONFIG}) &lt; environment variables &lt; system properties &lt;
 * values set in code. Built-in defaults are the {@code defaultValue} arguments of the getters
 * (for the core keys, {@link CoreSettings} holds them). From the environment and system properties
 * only session4j's keys are taken ({@code SESSION_*}, {@code PERMANENT_SESSION_LIFETIME},
 * {@code SECRET_KEY}, {@code SECRET_KEY_*}); the file and code may set any key. A blank value
 * unsets the key, so a stronger source can clear what a weaker one set. When one source holds
 * both spellings of a key, the upper snake case one wins. Each key remembers its
 * {@linkplain #source(String) source}.
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} and {@link #describe()} mask
 * secrets (see {@link Secrets}).
 */
public final class SessionConfig {

    /** The name of the properties file looked up on the classpath. */
    public static final String PROPERTIES_RESOURCE = "session.properties";

    private static final System.Logger LOG = System.getLogger(SessionConfig.class.getName());

    private final Map<String, String> values;
    private final Map<String, ConfigSource> sources;
    private final String file;
    private final Clock clock;

    private SessionConfig(Layers layers, String file, Clock clock) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(layers.values));
        this.sources = Collections.unmodifiableMap(new TreeMap<>(layers.sources));
        this.file = file;
        this.clock = clock;
    }

    /**
     * Starts a configuration with no source but values set in code: no file, no environment, no
     * system properties.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every standard source: {@code session.properties} from the thread's context class
     * loader (or the file named by {@code SESSION_CONFIG}), the environment and system properties.
     *
     * @return the configuration
     * @throws SessionConfigException if the file named by {@code SESSION_CONFIG} cannot be read
     */
    public static SessionConfig load() {
        return loader().build();
    }

    /**
     * Starts a configuration over the standard sources, each of which can be replaced (tests
     * inject their own environment, system properties, class loader or file), plus values set in
     * code.
     *
     * @return a new loader
     */
    public static Loader loader() {
        return new Loader();
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
     * A long integer setting.
     *
     * @param key the key, in either spelling
     * @param defaultValue returned when the key is unset
     * @return the value or the default
     * @throws SessionConfigException if the value is not an integer
     */
    public long getLong(String key, long defaultValue) {
        return getString(key).map(v -> parseLong(key, v)).orElse(defaultValue);
    }

    /**
     * A size in bytes: {@code 512}, {@code 512B}, {@code 64KB}, {@code 64KiB}, {@code 1MB},
     * {@code 1MiB}, {@code 1GB}, {@code 1GiB} (case-insensitive; KB, MB and GB count in 1024s,
     * like KiB, MiB and GiB; see {@link ByteSize}).
     *
     * @param key the key, in either spelling
     * @param defaultValue returned when the key is unset, in bytes
     * @return the value or the default, in bytes
     * @throws SessionConfigException if the value is not a size
     */
    public long getSize(String key, long defaultValue) {
        return getString(key).map(v -> ByteSize.parse(key, v)).orElse(defaultValue);
    }

    /**
     * A secret, such as {@code SECRET_KEY}, exactly as configured (not trimmed). The caller must
     * never log it; {@link #toString()} and {@link #describe()} mask it.
     *
     * @param key the key, in either spelling
     * @return the secret, or empty when unset
     */
    public Optional<String> getSecret(String key) {
        return getString(key);
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

    /**
     * The source a key's value came from.
     *
     * @param key the key, in either spelling
     * @return the source, or empty when the key is unset
     */
    public Optional<ConfigSource> source(String key) {
        return Optional.ofNullable(sources.get(canonicalKey(key)));
    }

    /**
     * The properties file that was read: a path, or the URL of {@code session.properties} on the
     * classpath.
     *
     * @return the file's location, or empty when no file was read
     */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /**
     * A multi-line description of every value set, with its source, secrets masked; for a
     * start-up log.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder text = new StringBuilder("session4j configuration (properties file: ")
                .append(file == null ? "none" : file).append("):");
        values.forEach((key, value) -> text.append("\n  ").append(key).append(" = ")
                .append(Secrets.mask(key, value)).append("  (from ").append(sources.get(key).description()).append(')'));
        return text.toString();
    }

    /**
     * The values set, secrets masked.
     *
     * @return such as {@code SessionConfig{SECRET_KEY=****, SESSION_TYPE=redis}}
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ")
                .append(key).append('=').append(Secrets.mask(key, value)));
        return "SessionConfig{" + text + '}';
    }

    private static String shown(String key, String value) {
        return canonicalKey(key) + " was '" + Secrets.mask(key, value) + "'";
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SessionConfigException(shown(key, value) + " but it must be an integer");
        }
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new SessionConfigException(shown(key, value) + " but it must be an integer");
        }
    }

    private static boolean parseBoolean(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new SessionConfigException(shown(key, value) + " but it must be true or false");
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
        throw new SessionConfigException(shown(key, value)
                + " but it must be a duration such as 500ms, 30s, 30m, 12h, 31d or PT30M");
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
         * @param value the value; null or blank unsets the key
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
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Freezes the configuration.
         *
         * @return the configuration
         */
        public SessionConfig build() {
            Layers layers = new Layers();
            layers.add(ConfigSource.CODE, values, false);
            return new SessionConfig(layers, null, clock);
        }
    }

    /**
     * Reads the standard sources (file, environment, system properties) plus values set in code.
     * Each source can be replaced, so that tests need not touch the real environment.
     */
    public static final class Loader {

        private Map<String, String> environment;
        private Map<String, String> systemProperties;
        private ClassLoader classLoader;
        private Path file;
        private final Map<String, String> code = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Loader() {
        }

        /**
         * Replaces the process environment ({@link System#getenv()} by default).
         *
         * @param environment the variables to read
         * @return this loader
         */
        public Loader environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Replaces the JVM's system properties ({@link System#getProperties()} by default).
         *
         * @param properties the properties to read
         * @return this loader
         */
        public Loader systemProperties(Map<String, String> properties) {
            this.systemProperties = Map.copyOf(properties);
            return this;
        }

        /**
         * The class loader on which {@code session.properties} is looked up (by default the
         * thread's context class loader, or the one that loaded session4j).
         *
         * @param classLoader the class loader
         * @return this loader
         */
        public Loader classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Reads this properties file instead of the one named by {@code SESSION_CONFIG} or
         * {@code session.properties} on the classpath.
         *
         * @param file the file, which must exist
         * @return this loader
         */
        public Loader file(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Sets a value in code; values set in code win over every other source.
         *
         * @param key the key, in either spelling
         * @param value the value; null or blank unsets the key
         * @return this loader
         */
        public Loader put(String key, String value) {
            code.put(key, value);
            return this;
        }

        /**
         * Sets several values in code.
         *
         * @param entries keys in either spelling, with their values
         * @return this loader
         */
        public Loader putAll(Map<String, String> entries) {
            code.putAll(entries);
            return this;
        }

        /**
         * Sets the clock used for every expiry decision (tests inject a fixed or moving clock).
         *
         * @param clock the clock
         * @return this loader
         */
        public Loader clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Reads the sources and freezes the configuration.
         *
         * @return the configuration
         * @throws SessionConfigException if the properties file cannot be read
         */
        public SessionConfig build() {
            Map<String, String> env = environment != null ? environment : System.getenv();
            Map<String, String> props = systemProperties != null ? systemProperties : currentSystemProperties();
            Layers strong = new Layers();
            strong.add(ConfigSource.ENVIRONMENT, env, true);
            strong.add(ConfigSource.SYSTEM_PROPERTIES, props, true);
            strong.add(ConfigSource.CODE, code, false);

            Layers all = new Layers();
            String location = null;
            Path path = file != null ? file : strong.values.containsKey("SESSION_CONFIG")
                    ? Path.of(strong.values.get("SESSION_CONFIG").trim()) : null;
            if (path != null) {
                all.add(ConfigSource.FILE, PropertiesFile.read(path), false);
                location = path.toString();
            } else {
                URL resource = classpathFile();
                if (resource != null) {
                    all.add(ConfigSource.FILE, PropertiesFile.read(resource), false);
                    location = resource.toString();
                }
            }
            all.add(ConfigSource.ENVIRONMENT, env, true);
            all.add(ConfigSource.SYSTEM_PROPERTIES, props, true);
            all.add(ConfigSource.CODE, code, false);
            return new SessionConfig(all, location, clock);
        }

        private URL classpathFile() {
            ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = SessionConfig.class.getClassLoader();
            }
            List<URL> found;
            try {
                found = Collections.list(loader.getResources(PROPERTIES_RESOURCE));
            } catch (IOException e) {
                throw new SessionConfigException("Cannot look for " + PROPERTIES_RESOURCE + " on the classpath (" + e + ").", e);
            }
            if (found.size() > 1) {
                LOG.log(System.Logger.Level.WARNING, "{0} files named {1} are on the classpath: {2}. Reading only the first;"
                        + " remove the others or name the one to read in SESSION_CONFIG.", found.size(), PROPERTIES_RESOURCE, found);
            }
            return found.isEmpty() ? null : found.get(0);
        }

        private static Map<String, String> currentSystemProperties() {
            Properties properties = System.getProperties();
            Map<String, String> copy = new LinkedHashMap<>();
            for (String name : properties.stringPropertyNames()) {
                String value = properties.getProperty(name);
                if (value != null) {
                    copy.put(name, value);
                }
            }
            return copy;
        }
    }

    /** The values merged so far, with the source of each; a later {@link #add} wins. */
    private static final class Layers {

        final Map<String, String> values = new TreeMap<>();
        final Map<String, ConfigSource> sources = new TreeMap<>();

        void add(ConfigSource source, Map<String, String> entries, boolean sessionKeysOnly) {
            // dotted spellings first, so that the upper snake case spelling of one source wins
            List<Map.Entry<String, String>> ordered = new ArrayList<>(entries.entrySet());
            ordered.sort((a, b) -> Boolean.compare(isCanonical(a.getKey()), isCanonical(b.getKey())));
            for (Map.Entry<String, String> entry : ordered) {
                String key = canonicalKey(entry.getKey());
                if (sessionKeysOnly && !KeyNamespace.contains(key)) {
                    continue;
                }
                String value = entry.getValue();
                if (value == null || value.isBlank()) {
                    values.remove(key);
                    sources.remove(key);
                } else {
                    values.put(key, value);
                    sources.put(key, source);
                }
            }
        }

        private static boolean isCanonical(String key) {
            return key.equals(canonicalKey(key));
        }
    }
}

