package io.github.session4j;

import io.github.session4j.config.ByteSize;
import io.github.session4j.config.ConfigSource;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Parsers;
import io.github.session4j.config.Secrets;
import io.github.session4j.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One typed, read-only view of the settings. Any source can back it: an implementation gives only
 * {@link #lookup(String)}, the raw value of a canonical key; the typed getters, {@link #get(Setting)}
 * and the spelling rule are written here once. {@link #builder()} makes the standard one, merged
 * from a properties file, the environment, system properties and values set in code (later wins).
 *
 * <p>Keys are accepted in either spelling: {@code SESSION_COOKIE_NAME} and
 * {@code session.cookie.name} are the same key ({@link #canonicalKey}). A blank value is the same
 * as an unset one, whatever the source.
 *
 * <p>Implementations are immutable and thread-safe, and never show a secret: {@link #describe()}
 * masks every value that {@link Secrets} finds secret.
 */
public interface SessionConfig {

    /** The name of the properties file looked up on the classpath. */
    String PROPERTIES_RESOURCE = "session.properties";

    /**
     * The raw value of a key: the one lookup a source must implement.
     *
     * @param canonicalKey the key in upper snake case, such as {@code SESSION_COOKIE_NAME}
     * @return the value, or empty when unset
     */
    Optional<String> lookup(String canonicalKey);

    /**
     * A configuration over the standard sources and values set in code; see {@link Builder}.
     *
     * @return a new builder, which reads no source but code until told to
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every standard source: {@code session.properties} from the thread's context class
     * loader (or the file named by {@code SESSION_CONFIG}), the environment and system properties.
     *
     * @return the configuration
     * @throws SessionConfigException if the file named by {@code SESSION_CONFIG} cannot be read
     */
    static SessionConfig load() {
        return builder().standardSources().build();
    }

    /**
     * Converts either spelling of a key to the canonical upper snake case:
     * {@code session.cookie.name} becomes {@code SESSION_COOKIE_NAME}.
     *
     * @param key a key in either spelling
     * @return the canonical key
     */
    static String canonicalKey(String key) {
        return key.trim().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The raw value of a key; blank counts as unset.
     *
     * @param key the key, in either spelling
     * @return the value, or empty when unset
     */
    default Optional<String> getString(String key) {
        return lookup(canonicalKey(key)).filter(v -> !v.isBlank());
    }

    /**
     * The raw value of a key, or a default.
     *
     * @param key the key, in either spelling
     * @param defaultValue returned when the key is unset
     * @return the value or the default
     */
    default String getString(String key, String defaultValue) {
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
    default int getInt(String key, int defaultValue) {
        return typed(key, Parsers::integer).orElse(defaultValue);
    }

    /**
     * A long integer setting.
     *
     * @param key the key, in either spelling
     * @param defaultValue returned when the key is unset
     * @return the value or the default
     * @throws SessionConfigException if the value is not an integer
     */
    default long getLong(String key, long defaultValue) {
        return typed(key, Parsers::longInteger).orElse(defaultValue);
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
    default long getSize(String key, long defaultValue) {
        return typed(key, Parsers::size).orElse(defaultValue);
    }

    /**
     * A secret, such as {@code SECRET_KEY}, exactly as configured (not trimmed). The caller must
     * never log it.
     *
     * @param key the key, in either spelling
     * @return the secret, or empty when unset
     */
    default Optional<String> getSecret(String key) {
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
    default boolean getBoolean(String key, boolean defaultValue) {
        return typed(key, Parsers::bool).orElse(defaultValue);
    }

    /**
     * A duration setting: {@code 500ms}, {@code 30s}, {@code 30m}, {@code 12h}, {@code 31d}, or
     * ISO-8601 such as {@code PT30M}.
     *
     * @param key the key, in either spelling
     * @return the value, or empty when unset
     * @throws SessionConfigException if the value is not a duration
     */
    default Optional<Duration> getDuration(String key) {
        return typed(key, Parsers::duration);
    }

    /**
     * A duration setting with a default.
     *
     * @param key the key, in either spelling
     * @param defaultValue returned when the key is unset
     * @return the value or the default
     * @throws SessionConfigException if the value is not a duration
     */
    default Duration getDuration(String key, Duration defaultValue) {
        return getDuration(key).orElse(defaultValue);
    }

    /**
     * A comma-separated list setting, items trimmed, empty items dropped.
     *
     * @param key the key, in either spelling
     * @return the items, empty when unset
     */
    default List<String> getList(String key) {
        return getString(key).map(Parsers::list).orElse(List.of());
    }

    /**
     * A described setting: parsed, checked against its constraints, or its default.
     *
     * @param setting the setting
     * @param <T> the value's type
     * @return the value; null only for a setting without default whose key is unset
     * @throws SessionConfigException if the value does not parse, breaks a constraint, or is
     *     required and unset
     */
    default <T> T get(Setting<T> setting) {
        return setting.read(this);
    }

    /**
     * The canonical keys that have a value, for sources that can list them. Unknown keys are found
     * among these; a source that cannot list its keys returns none, and nothing is reported unknown.
     *
     * @return the keys, sorted
     */
    default Set<String> keys() {
        return Set.of();
    }

    /**
     * The source a key's value came from.
     *
     * @param key the key, in either spelling
     * @return the source, or empty when the key is unset or the source is not one of the standard ones
     */
    default Optional<ConfigSource> source(String key) {
        return Optional.empty();
    }

    /**
     * The properties file that was read: a path, or the URL of {@code session.properties} on the
     * classpath.
     *
     * @return the file's location, or empty when no file was read
     */
    default Optional<String> file() {
        return Optional.empty();
    }

    /**
     * A multi-line description of every value set, with its source, secrets masked (the core's
     * settings by their secret flag, other keys by their name); for a start-up log.
     *
     * @return the description
     */
    default String describe() {
        return describe(CoreKeys.settings());
    }

    /**
     * A multi-line description of every value set, with its source, secrets masked: a described
     * setting by its secret flag, any other key by its name (see {@link Secrets}).
     *
     * @param known the settings whose descriptors decide the masking, such as the core's and
     *     the backend's
     * @return the description
     */
    default String describe(Collection<Setting<?>> known) {
        Map<String, Setting<?>> byKey = new HashMap<>();
        known.forEach(s -> byKey.put(s.key(), s));
        StringBuilder text = new StringBuilder("session4j configuration (properties file: ")
                .append(file().orElse("none")).append("):");
        for (String key : keys()) {
            String value = lookup(key).orElse("");
            Setting<?> setting = byKey.get(key);
            text.append("\n  ").append(key).append(" = ")
                    .append(setting != null ? setting.show(value) : Secrets.mask(key, value));
            source(key).ifPresent(s -> text.append("  (from ").append(s.description()).append(')'));
        }
        return text.toString();
    }

    private <T> Optional<T> typed(String key, Function<String, T> parser) {
        return getString(key).map(v -> Parsers.parse(canonicalKey(key), v, false, parser));
    }

    /**
     * Builds the standard configuration: values set in code and, when asked for, the standard
     * sources, each of which a test can replace.
     *
     * <p>Sources, later wins: the properties file ({@code session.properties} on the classpath, or
     * the file named by {@code SESSION_CONFIG}) &lt; environment variables &lt; system properties
     * &lt; values set in code. Built-in defaults are those of the {@link Setting}s (and the
     * {@code defaultValue} arguments of the getters). From the environment and system properties
     * only session4j's keys are taken ({@code SESSION_*}, {@code PERMANENT_SESSION_LIFETIME},
     * {@code SECRET_KEY}, {@code SECRET_KEY_*}); the file and code may set any key. A blank value
     * unsets the key, so a stronger source can clear what a weaker one set. When one source holds
     * both spellings of a key, the upper snake case one wins. Each key remembers its
     * {@linkplain SessionConfig#source(String) source}.
     *
     * <p>A source is read only when it is given ({@link #environment}, {@link #systemProperties},
     * {@link #file}, {@link #classLoader}) or when {@link #standardSources()} asks for the process's
     * own; so {@code builder().put(...).build()} holds exactly what code set.
     */
    final class Builder {

        private final Map<String, String> code = new LinkedHashMap<>();
        private boolean standard;
        private Map<String, String> environment;
        private Map<String, String> systemProperties;
        private ClassLoader classLoader;
        private Path file;

        private Builder() {
        }

        /**
         * Reads the standard sources as well: the properties file, the environment and system
         * properties; those replaced by the other methods of this builder are read from there
         * instead.
         *
         * @return this builder
         */
        public Builder standardSources() {
            this.standard = true;
            return this;
        }

        /**
         * Reads these environment variables ({@link System#getenv()} with {@link #standardSources()}).
         *
         * @param environment the variables to read
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Reads these system properties ({@link System#getProperties()} with {@link #standardSources()}).
         *
         * @param properties the properties to read
         * @return this builder
         */
        public Builder systemProperties(Map<String, String> properties) {
            this.systemProperties = Map.copyOf(properties);
            return this;
        }

        /**
         * Looks up {@code session.properties} on this class loader (with {@link #standardSources()},
         * the thread's context class loader, or the one that loaded session4j), unless
         * {@code SESSION_CONFIG} or {@link #file} names a file.
         *
         * @param classLoader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Reads this properties file instead of the one named by {@code SESSION_CONFIG} or
         * {@code session.properties} on the classpath.
         *
         * @param file the file, which must exist
         * @return this builder
         */
        public Builder file(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Sets a value in code; values set in code win over every other source.
         *
         * @param key the key, in either spelling
         * @param value the value; null or blank unsets the key
         * @return this builder
         */
        public Builder put(String key, String value) {
            code.put(Objects.requireNonNull(key, "key"), value);
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
         * Reads the sources and freezes the configuration.
         *
         * @return the configuration
         * @throws SessionConfigException if the properties file cannot be read
         */
        public SessionConfig build() {
            return StandardConfig.read(standard, environment, systemProperties, classLoader, file, code);
        }
    }
}
