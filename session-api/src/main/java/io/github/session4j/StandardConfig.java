package io.github.session4j;

import io.github.session4j.config.ConfigSource;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.KeyNamespace;
import io.github.session4j.config.PropertiesFile;
import io.github.session4j.config.Secrets;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration that {@link SessionConfig#builder()} makes: the merged values of its sources,
 * each key with the source it came from. Only this class reads the environment, system properties
 * and files.
 */
final class StandardConfig implements SessionConfig {

    private static final System.Logger LOG = System.getLogger(SessionConfig.class.getName());

    private final Map<String, String> values;
    private final Map<String, ConfigSource> sources;
    private final String file;

    private StandardConfig(Layers layers, String file) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(layers.values));
        this.sources = Collections.unmodifiableMap(new TreeMap<>(layers.sources));
        this.file = file;
    }

    static SessionConfig read(boolean standard, Map<String, String> environment, Map<String, String> systemProperties,
                              ClassLoader classLoader, Path file, Map<String, String> code) {
        Map<String, String> env = environment != null ? environment : standard ? System.getenv() : Map.of();
        Map<String, String> props = systemProperties != null ? systemProperties
                : standard ? currentSystemProperties() : Map.of();
        Layers strong = new Layers();
        strong.add(ConfigSource.ENVIRONMENT, env, true);
        strong.add(ConfigSource.SYSTEM_PROPERTIES, props, true);
        strong.add(ConfigSource.CODE, code, false);

        Layers all = new Layers();
        String location = null;
        boolean readsFile = standard || file != null || classLoader != null;
        Path path = file != null ? file : readsFile && strong.values.containsKey(CoreKeys.SESSION_CONFIG.key())
                ? Path.of(strong.values.get(CoreKeys.SESSION_CONFIG.key()).trim()) : null;
        if (path != null) {
            all.add(ConfigSource.FILE, PropertiesFile.read(path), false);
            location = path.toString();
        } else if (readsFile) {
            URL resource = classpathFile(classLoader);
            if (resource != null) {
                all.add(ConfigSource.FILE, PropertiesFile.read(resource), false);
                location = resource.toString();
            }
        }
        all.add(ConfigSource.ENVIRONMENT, env, true);
        all.add(ConfigSource.SYSTEM_PROPERTIES, props, true);
        all.add(ConfigSource.CODE, code, false);
        return new StandardConfig(all, location);
    }

    @Override
    public Optional<String> lookup(String canonicalKey) {
        return Optional.ofNullable(values.get(canonicalKey));
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Optional<ConfigSource> source(String key) {
        return Optional.ofNullable(sources.get(SessionConfig.canonicalKey(key)));
    }

    @Override
    public Optional<String> file() {
        return Optional.ofNullable(file);
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

    private static URL classpathFile(ClassLoader classLoader) {
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

    /** The values merged so far, with the source of each; a later {@link #add} wins. */
    private static final class Layers {

        final Map<String, String> values = new TreeMap<>();
        final Map<String, ConfigSource> sources = new TreeMap<>();

        void add(ConfigSource source, Map<String, String> entries, boolean sessionKeysOnly) {
            // dotted spellings first, so that the upper snake case spelling of one source wins
            List<Map.Entry<String, String>> ordered = new ArrayList<>(entries.entrySet());
            ordered.sort((a, b) -> Boolean.compare(isCanonical(a.getKey()), isCanonical(b.getKey())));
            for (Map.Entry<String, String> entry : ordered) {
                String key = SessionConfig.canonicalKey(entry.getKey());
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
            return key.equals(SessionConfig.canonicalKey(key));
        }
    }
}
