package io.github.session4j.config;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting, described once: its key, its default, how its value is parsed, the constraints it
 * must meet (each with its message), whether it is a secret, and one line of documentation. The
 * descriptors drive validation (every problem collected, see {@link #read(SessionConfig, Problems)}),
 * masking, the keys a backend declares, and the settings tables of the READMEs, which tests check
 * against them.
 *
 * <p>Messages follow one layout: {@code KEY was 'value' but it must be ...}, the value masked
 * when the setting is secret (and passwords inside URIs always). Instances are immutable.
 *
 * @param <T> the type of the parsed value
 */
public final class Setting<T> {

    /** What the documentation tables show for a setting with no default. */
    public static final String UNSET = "unset";

    private final String key;
    private final T defaultValue;
    private final String defaultText;
    private final Function<String, T> parser;
    private final List<Rule<T>> rules;
    private final boolean secret;
    private final String missing;
    private final String doc;
    private final Capability requires;
    private final Predicate<? super T> requiresWhen;

    private Setting(Builder<T> b) {
        this.key = b.key;
        this.defaultValue = b.defaultValue;
        this.defaultText = b.defaultText != null ? b.defaultText
                : b.missing != null ? "— (required)" : b.defaultValue != null ? String.valueOf(b.defaultValue) : UNSET;
        this.parser = b.parser;
        this.rules = List.copyOf(b.rules);
        this.secret = b.secret;
        this.missing = b.missing;
        this.doc = b.doc;
        this.requires = b.requires;
        this.requiresWhen = b.requiresWhen;
    }

    /**
     * Starts a setting whose value is parsed by {@code parser}.
     *
     * @param key the canonical key, such as {@code SESSION_ID_LENGTH}
     * @param parser turns the raw value into the typed one; throws {@link IllegalArgumentException}
     *     whose message says what was expected, such as {@code it must be an integer}
     * @param <T> the value's type
     * @return a builder
     */
    public static <T> Builder<T> of(String key, Function<String, T> parser) {
        return new Builder<>(key, parser);
    }

    /**
     * A string, exactly as configured.
     *
     * @param key the canonical key
     * @return a builder
     */
    public static Builder<String> string(String key) {
        return of(key, Function.identity());
    }

    /**
     * A string, surrounding spaces removed.
     *
     * @param key the canonical key
     * @return a builder
     */
    public static Builder<String> trimmed(String key) {
        return of(key, String::trim);
    }

    /**
     * An integer.
     *
     * @param key the canonical key
     * @return a builder
     */
    public static Builder<Integer> integer(String key) {
        return of(key, Parsers::integer);
    }

    /**
     * A long integer.
     *
     * @param key the canonical key
     * @return a builder
     */
    public static Builder<Long> longInteger(String key) {
        return of(key, Parsers::longInteger);
    }

    /**
     * {@code true} or {@code false}, any case.
     *
     * @param key the canonical key
     * @return a builder
     */
    public static Builder<Boolean> bool(String key) {
        return of(key, Parsers::bool);
    }

    /**
     * A duration, such as {@code 30m} or {@code PT30M}.
     *
     * @param key the canonical key
     * @return a builder
     */
    public static Builder<Duration> duration(String key) {
        return of(key, Parsers::duration);
    }

    /**
     * A size in bytes, such as {@code 512KB}.
     *
     * @param key the canonical key
     * @return a builder
     */
    public static Builder<Long> size(String key) {
        return of(key, Parsers::size);
    }

    /**
     * A comma-separated list.
     *
     * @param key the canonical key
     * @return a builder
     */
    public static Builder<List<String>> list(String key) {
        return of(key, Parsers::list);
    }

    /**
     * The canonical key.
     *
     * @return such as {@code SESSION_ID_LENGTH}
     */
    public String key() {
        return key;
    }

    /**
     * The value used when the key is unset.
     *
     * @return the default, or empty when the setting has none
     */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * The default as the documentation shows it, such as {@code 31d}, {@code unset} or
     * {@code — (required)}.
     *
     * @return the text
     */
    public String defaultText() {
        return defaultText;
    }

    /**
     * Whether the value is a secret, shown as {@value Secrets#MASK} in every message and log.
     *
     * @return true for a secret
     */
    public boolean secret() {
        return secret;
    }

    /**
     * Whether the setting must be set.
     *
     * @return true when there is no default and an unset key is a problem
     */
    public boolean required() {
        return missing != null;
    }

    /**
     * One line of documentation.
     *
     * @return the line
     */
    public String doc() {
        return doc;
    }

    /**
     * The capability a backend must have for this setting to take effect. When the setting is in
     * use (set to a value other than its default) on a backend without it, start-up stops.
     *
     * @return the capability, or empty when any backend can honour the setting
     */
    public Optional<Capability> requires() {
        return Optional.ofNullable(requires);
    }

    /**
     * Whether this setting is in use: set, to a value other than its default.
     *
     * @param config the configuration
     * @return true when the configured value differs from the default
     * @throws SessionConfigException when the value does not parse or breaks a constraint
     */
    public boolean inUse(SessionConfig config) {
        return find(config).filter(value -> !value.equals(defaultValue)).isPresent();
    }

    /**
     * Whether the configured value needs {@link #requires()} of the backend: the setting is
     * {@linkplain #inUse in use} and, for a setting that needs the capability only for some values
     * ({@link Builder#requires(Class, String, Predicate)}), its value is one of them.
     *
     * @param config the configuration
     * @return true when start-up must find the capability
     * @throws SessionConfigException when the value does not parse or breaks a constraint
     */
    public boolean needsCapability(SessionConfig config) {
        return requires != null && find(config).filter(value -> !value.equals(defaultValue) && requiresWhen.test(value)).isPresent();
    }

    /**
     * How a raw value of this setting may be shown: the secret flag decides, not the key's name.
     *
     * @param raw the raw value
     * @return {@value Secrets#MASK} for a secret, otherwise the value with URI passwords masked
     */
    public String show(String raw) {
        return secret ? Secrets.MASK : Secrets.maskUriPasswords(raw);
    }

    /**
     * The configured value, parsed and checked, ignoring the default.
     *
     * @param config the configuration
     * @return the value, or empty when the key is unset
     * @throws SessionConfigException on the first problem: a value that does not parse or breaks a
     *     constraint
     */
    public Optional<T> find(SessionConfig config) {
        Optional<String> raw = config.getString(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        T value;
        try {
            value = parser.apply(raw.get());
        } catch (IllegalArgumentException e) {
            throw new SessionConfigException(key + " was '" + show(raw.get()) + "' but " + e.getMessage());
        }
        for (Rule<T> rule : rules) {
            if (!rule.ok.test(value)) {
                throw new SessionConfigException(rule.message.apply(new Failure<>(key, show(raw.get()), value)));
            }
        }
        return Optional.of(value);
    }

    /**
     * The configured value, or the default.
     *
     * @param config the configuration
     * @return the value; null only for a setting without default whose key is unset
     * @throws SessionConfigException on the first problem, including a required key that is unset
     */
    public T read(SessionConfig config) {
        Optional<T> value = find(config);
        if (value.isEmpty() && missing != null) {
            throw new SessionConfigException(missing);
        }
        return value.orElse(defaultValue);
    }

    /**
     * The configured value, or the default; a problem is recorded instead of thrown, and the
     * default returned in its place.
     *
     * @param config the configuration
     * @param problems where the problem goes
     * @return the value, or the default (null for a setting without default)
     */
    public T read(SessionConfig config, Problems problems) {
        return problems.read(() -> read(config), defaultValue);
    }

    /**
     * The key, so that a setting reads as its key in a message.
     *
     * @return such as {@code SESSION_ID_LENGTH}
     */
    @Override
    public String toString() {
        return key;
    }

    /**
     * A capability a setting needs of the backend.
     *
     * @param type the capability's interface, as {@link io.github.session4j.spi.SessionInterface#capability} takes it
     * @param does what it does, for messages, such as {@code append to a stored record}
     */
    public record Capability(Class<?> type, String does) {

        /**
         * Checks the arguments.
         *
         * @param type the capability's interface
         * @param does what it does, for messages
         * @throws NullPointerException if either is null
         */
        public Capability {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(does, "does");
        }
    }

    /**
     * What a constraint's message is made from when the constraint fails.
     *
     * @param key the canonical key
     * @param shown the raw value as it may be shown (masked for a secret)
     * @param value the parsed value
     * @param <T> the value's type
     */
    public record Failure<T>(String key, String shown, T value) {
    }

    private record Rule<T>(Predicate<? super T> ok, Function<Failure<T>, String> message) {
    }

    /**
     * Describes a setting step by step.
     *
     * @param <T> the value's type
     */
    public static final class Builder<T> {

        private final String key;
        private final Function<String, T> parser;
        private final List<Rule<T>> rules = new ArrayList<>();
        private T defaultValue;
        private String defaultText;
        private boolean secret;
        private String missing;
        private String doc = "";
        private Capability requires;
        private Predicate<? super T> requiresWhen = value -> true;

        private Builder(String key, Function<String, T> parser) {
            this.key = Objects.requireNonNull(key, "key");
            this.parser = Objects.requireNonNull(parser, "parser");
        }

        /**
         * The value used when the key is unset, shown in the documentation as its string form.
         *
         * @param value the default
         * @return this builder
         */
        public Builder<T> defaultValue(T value) {
            this.defaultValue = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * The value used when the key is unset, and how the documentation shows it.
         *
         * @param value the default
         * @param text such as {@code 512KB}
         * @return this builder
         */
        public Builder<T> defaultValue(T value, String text) {
            this.defaultText = Objects.requireNonNull(text, "text");
            return defaultValue(value);
        }

        /**
         * How the documentation shows a setting without a default, such as
         * {@code unset (a host-only cookie)}.
         *
         * @param text the text
         * @return this builder
         */
        public Builder<T> defaultText(String text) {
            this.defaultText = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * A constraint; when it fails the message is {@code KEY was 'value' but } followed by
         * {@code expectation}.
         *
         * @param ok what a valid value satisfies
         * @param expectation such as {@code it must be between 1 and 1000}
         * @return this builder
         */
        public Builder<T> check(Predicate<? super T> ok, String expectation) {
            rules.add(new Rule<>(ok, f -> f.key() + " was '" + f.shown() + "' but " + expectation));
            return this;
        }

        /**
         * A constraint with a message of its own shape.
         *
         * @param ok what a valid value satisfies
         * @param message the whole message, from the key, the shown value and the parsed value
         * @return this builder
         */
        public Builder<T> check(Predicate<? super T> ok, Function<Failure<T>, String> message) {
            rules.add(new Rule<>(ok, message));
            return this;
        }

        /**
         * Marks the value secret: it is masked in every message and log.
         *
         * @return this builder
         */
        public Builder<T> secret() {
            this.secret = true;
            return this;
        }

        /**
         * Makes the setting required.
         *
         * @param message the message when it is unset: what to set it to, with an example
         * @return this builder
         */
        public Builder<T> required(String message) {
            this.missing = Objects.requireNonNull(message, "message");
            return this;
        }

        /**
         * One line of documentation.
         *
         * @param line the line
         * @return this builder
         */
        public Builder<T> doc(String line) {
            this.doc = Objects.requireNonNull(line, "line");
            return this;
        }

        /**
         * The capability a backend must have for this setting to take effect.
         *
         * @param capability the capability's type, such as {@code RecordAppender.class}
         * @param does what the capability does, for the start-up message ("append to a stored record")
         * @return this builder
         */
        public Builder<T> requires(Class<?> capability, String does) {
            return requires(capability, does, value -> true);
        }

        /**
         * The capability a backend must have when this setting has one of some values (such as
         * {@code SESSION_PRINCIPAL_INDEX=true}, while {@code false} needs nothing).
         *
         * @param capability the capability's type
         * @param does what the capability does, for the start-up message
         * @param when which configured values need it
         * @return this builder
         */
        public Builder<T> requires(Class<?> capability, String does, Predicate<? super T> when) {
            this.requires = new Capability(capability, does);
            this.requiresWhen = Objects.requireNonNull(when, "when");
            return this;
        }

        /**
         * Freezes the descriptor.
         *
         * @return the setting
         */
        public Setting<T> build() {
            return new Setting<>(this);
        }
    }
}
