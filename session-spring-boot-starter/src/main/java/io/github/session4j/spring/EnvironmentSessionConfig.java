package io.github.session4j.spring;

import io.github.session4j.SessionConfig;
import io.github.session4j.config.ConfigSource;
import io.github.session4j.config.KeyNamespace;
import io.github.session4j.config.Secrets;
import io.github.session4j.config.Setting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * session4j's settings read from Spring's {@link org.springframework.core.env.Environment}:
 * {@code application.properties} or {@code .yaml} (with profiles), environment variables, system
 * properties, command-line arguments and test properties, in Spring's own order of precedence.
 *
 * <p>Keys are session4j's ({@code SESSION_*}, {@code PERMANENT_SESSION_LIFETIME}, {@code SECRET_KEY},
 * {@code SECRET_KEY_*}) in either spelling: {@code session.cookie.name}, {@code session.cookie-name}
 * and {@code SESSION_COOKIE_NAME} are one key ({@link SessionConfig#canonicalKey}). The property
 * sources are read once, when the configuration is made, and every key found in them is
 * {@linkplain #keys() listed}, so that a key that no setting reads stops start-up as it does with
 * {@code session.properties}; one found only in the environment variables is a warning, since
 * other software shares them. The strongest property source that holds a key decides its value; a
 * blank value there unsets it. Within one source the upper snake case spelling wins. A YAML list
 * ({@code secret.key.fallbacks: [a, b]}) is read as the comma-separated list {@code a,b}.
 * Placeholders ({@code ${...}}) are resolved by the environment.
 *
 * <p>Values that the starter maps from Spring's own settings ({@code server.servlet.session.*},
 * {@code spring.data.redis.*}) are weaker than any session4j key: they fill only keys that no
 * property source sets.
 *
 * <p>Immutable and thread-safe; never shows a secret ({@link #toString()} and {@link #describe}
 * mask them).
 */
public final class EnvironmentSessionConfig implements SessionConfig {

    private static final Pattern LIST_ITEM = Pattern.compile("^(.*)\\[(\\d+)]$");
    /** Boot's view of all other sources, which would list every key twice. */
    private static final String CONFIGURATION_PROPERTIES = "configurationProperties";

    private final Map<String, String> values;
    private final Map<String, ConfigSource> sources;
    private final Map<String, String> origins;

    private EnvironmentSessionConfig(Map<String, String> values, Map<String, ConfigSource> sources,
                                     Map<String, String> origins) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
        this.origins = Collections.unmodifiableMap(new TreeMap<>(origins));
    }

    /**
     * Reads session4j's keys from every enumerable property source of an environment.
     *
     * @param environment the application's environment
     * @return the configuration, frozen
     */
    public static EnvironmentSessionConfig of(ConfigurableEnvironment environment) {
        Objects.requireNonNull(environment, "environment");
        Map<String, String> values = new HashMap<>();
        Map<String, ConfigSource> sources = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        Set<String> decided = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)
                    || CONFIGURATION_PROPERTIES.equals(source.getName())) {
                continue;
            }
            for (Map.Entry<String, Found> entry : read(enumerable, environment).entrySet()) {
                String key = entry.getKey();
                if (!decided.add(key)) {
                    continue; // a stronger source decided it
                }
                Found found = entry.getValue();
                if (found.value.isBlank()) {
                    continue;
                }
                values.put(key, found.value);
                origins.put(key, found.origin);
                sourceKind(source).ifPresent(kind -> sources.put(key, kind));
            }
        }
        return new EnvironmentSessionConfig(values, sources, origins);
    }

    /**
     * This configuration with values derived from other settings for the keys that are unset.
     *
     * @param derived canonical keys and their values
     * @param origin where they came from, for {@link #describe}, such as {@code spring.data.redis.*}
     * @return a new configuration; this one if nothing was added
     */
    EnvironmentSessionConfig withDefaults(Map<String, String> derived, String origin) {
        Map<String, String> newValues = new HashMap<>(values);
        Map<String, String> newOrigins = new HashMap<>(origins);
        boolean changed = false;
        for (Map.Entry<String, String> entry : derived.entrySet()) {
            String key = SessionConfig.canonicalKey(entry.getKey());
            if (entry.getValue() == null || entry.getValue().isBlank() || values.containsKey(key)) {
                continue;
            }
            newValues.put(key, entry.getValue());
            newOrigins.put(key, origin);
            changed = true;
        }
        return changed ? new EnvironmentSessionConfig(newValues, sources, newOrigins) : this;
    }

    @Override
    public Optional<String> lookup(String canonicalKey) {
        return Optional.ofNullable(values.get(canonicalKey));
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * The standard source a key came from: {@link ConfigSource#ENVIRONMENT} for environment
     * variables, {@link ConfigSource#SYSTEM_PROPERTIES} for system properties; empty for Spring's
     * other sources (such as {@code application.properties}), whose names {@link #origin} gives.
     *
     * @param key the key, in either spelling
     * @return the source, or empty
     */
    @Override
    public Optional<ConfigSource> source(String key) {
        return Optional.ofNullable(sources.get(SessionConfig.canonicalKey(key)));
    }

    /**
     * Where a key's value came from, as Spring Boot describes it, such as
     * {@code class path resource [application.properties] - 3:14}.
     *
     * @param key the key, in either spelling
     * @return the origin, or empty when the key is unset
     */
    public Optional<String> origin(String key) {
        return Optional.ofNullable(origins.get(SessionConfig.canonicalKey(key)));
    }

    /**
     * Every value set, with where it came from, secrets masked.
     *
     * @param known the settings whose descriptors decide the masking
     * @return the description, one line per key
     */
    @Override
    public String describe(Collection<Setting<?>> known) {
        Map<String, Setting<?>> byKey = new HashMap<>();
        known.forEach(s -> byKey.put(s.key(), s));
        StringBuilder text = new StringBuilder("session4j configuration (from Spring's Environment):");
        for (String key : keys()) {
            String value = values.get(key);
            Setting<?> setting = byKey.get(key);
            text.append("\n  ").append(key).append(" = ")
                    .append(setting != null ? setting.show(value) : Secrets.mask(key, value))
                    .append("  (from ").append(origins.get(key)).append(')');
        }
        return text.toString();
    }

    /**
     * The values set, secrets masked.
     *
     * @return such as {@code EnvironmentSessionConfig{SECRET_KEY=****, SESSION_TYPE=redis}}
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ")
                .append(key).append('=').append(Secrets.mask(key, value)));
        return "EnvironmentSessionConfig{" + text + '}';
    }

    private static Map<String, Found> read(EnumerablePropertySource<?> source, ConfigurableEnvironment environment) {
        // dotted spellings first, so that the upper snake case spelling of one source wins
        List<String> names = new ArrayList<>(List.of(source.getPropertyNames()));
        names.sort((a, b) -> Boolean.compare(isCanonical(a), isCanonical(b)));
        Map<String, Found> found = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> lists = new LinkedHashMap<>();
        Map<String, String> listOrigins = new HashMap<>();
        for (String name : names) {
            Matcher item = LIST_ITEM.matcher(name);
            String base = item.matches() ? item.group(1) : name;
            String key = SessionConfig.canonicalKey(base);
            if (!KeyNamespace.contains(key)) {
                continue;
            }
            Object raw = source.getProperty(name);
            String value = raw == null ? "" : environment.resolvePlaceholders(String.valueOf(raw));
            if (item.matches()) {
                lists.computeIfAbsent(key, k -> new TreeMap<>()).put(Integer.parseInt(item.group(2)), value.trim());
                listOrigins.putIfAbsent(key, origin(source, name));
            } else {
                found.put(key, new Found(value, origin(source, name)));
            }
        }
        lists.forEach((key, items) -> found.putIfAbsent(key, new Found(String.join(",", items.values()),
                listOrigins.get(key))));
        return found;
    }

    private static String origin(PropertySource<?> source, String name) {
        if (source instanceof OriginLookup<?>) {
            @SuppressWarnings("unchecked")
            Origin origin = ((OriginLookup<String>) source).getOrigin(name);
            if (origin != null) {
                return origin.toString();
            }
        }
        return "'" + name + "' in " + source.getName();
    }

    private static Optional<ConfigSource> sourceKind(PropertySource<?> source) {
        return switch (source.getName()) {
            case StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME -> Optional.of(ConfigSource.ENVIRONMENT);
            case StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME -> Optional.of(ConfigSource.SYSTEM_PROPERTIES);
            default -> Optional.empty();
        };
    }

    private static boolean isCanonical(String name) {
        return name.equals(SessionConfig.canonicalKey(name));
    }

    /** A value and where it came from. */
    private record Found(String value, String origin) {
    }
}
