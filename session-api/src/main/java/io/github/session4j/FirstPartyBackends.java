package io.github.session4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The first-party backends by {@code SESSION_TYPE} name, each with the artifact that provides it
 * ({@code groupId:artifactId}), and the names people try for a store that one of them serves
 * ({@code postgres}, served by {@code jdbc}). The data is not written here: session-api's build
 * generates {@value #RESOURCE} and {@value #ALIASES} from {@code session-bom/pom.xml}, so that
 * adding a backend module needs no edit in session-api.
 *
 * @param artifacts the artifact of each backend, by name, sorted by name
 * @param aliases the backend each alias is served by, with what else to do, by alias
 */
record FirstPartyBackends(SortedMap<String, String> artifacts, SortedMap<String, Alias> aliases) {

    /** Where the build puts the backends, on session-api's own classpath. */
    static final String RESOURCE = "META-INF/session4j/first-party-backends.properties";

    /** Where the build puts the aliases, on session-api's own classpath. */
    static final String ALIASES = "META-INF/session4j/backend-aliases.properties";

    /** No data, as in a build that did not generate it (some IDEs): the messages then name no artifact. */
    static final FirstPartyBackends NONE = new FirstPartyBackends(new TreeMap<>(), new TreeMap<>());

    /**
     * A name people try for a store that a first-party backend serves.
     *
     * @param backend the {@code SESSION_TYPE} name of the backend that serves it, such as {@code jdbc}
     * @param hint one sentence: what else to add or set, such as the driver
     */
    record Alias(String backend, String hint) {
    }

    FirstPartyBackends {
        artifacts = Collections.unmodifiableSortedMap(new TreeMap<>(artifacts));
        aliases = Collections.unmodifiableSortedMap(new TreeMap<>(aliases));
    }

    /**
     * Backends with these names and artifacts, and no aliases.
     *
     * @param artifacts the artifact of each backend, by name
     * @return the backends
     */
    static FirstPartyBackends of(Map<String, String> artifacts) {
        return new FirstPartyBackends(new TreeMap<>(artifacts), new TreeMap<>());
    }

    /**
     * Backends with these names and artifacts, and these aliases.
     *
     * @param artifacts the artifact of each backend, by name
     * @param aliases the aliases, by name
     * @return the backends
     */
    static FirstPartyBackends of(Map<String, String> artifacts, Map<String, Alias> aliases) {
        return new FirstPartyBackends(new TreeMap<>(artifacts), new TreeMap<>(aliases));
    }

    /**
     * The data that the build generated into session-api, or {@link #NONE} where it is missing.
     *
     * @return the first-party backends
     * @throws UncheckedIOException if a resource is there but cannot be read
     */
    static FirstPartyBackends load() {
        Properties backends = read(RESOURCE);
        if (backends == null) {
            return NONE;
        }
        TreeMap<String, String> artifacts = new TreeMap<>();
        backends.stringPropertyNames().forEach(name -> artifacts.put(name, backends.getProperty(name)));
        TreeMap<String, Alias> aliases = new TreeMap<>();
        Properties tried = read(ALIASES);
        if (tried != null) {
            for (String name : tried.stringPropertyNames()) {
                String value = tried.getProperty(name);
                int bar = value.indexOf('|');
                // an alias of a backend the data does not know would send users to nothing: left out
                if (bar > 0 && artifacts.containsKey(value.substring(0, bar))) {
                    aliases.put(name, new Alias(value.substring(0, bar), value.substring(bar + 1)));
                }
            }
        }
        return new FirstPartyBackends(artifacts, aliases);
    }

    private static Properties read(String resource) {
        try (InputStream in = FirstPartyBackends.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource + " from session-api", e);
        }
    }

    /**
     * The artifact that provides the backend of this name.
     *
     * @param name a {@code SESSION_TYPE} name
     * @return its artifact, or empty when no first-party backend has that name
     */
    Optional<String> artifact(String name) {
        return Optional.ofNullable(artifacts.get(name));
    }

    /**
     * The backend that serves a store of this name, when it is not a backend's own name.
     *
     * @param name a {@code SESSION_TYPE} value, such as {@code postgres}
     * @return the alias, or empty
     */
    Optional<Alias> alias(String name) {
        return Optional.ofNullable(aliases.get(name));
    }
}
