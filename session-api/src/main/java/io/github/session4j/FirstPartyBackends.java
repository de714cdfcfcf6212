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
 * ({@code groupId:artifactId}). The data is not written here: session-api's build generates
 * {@value #RESOURCE} from {@code session-bom/pom.xml}, so that adding a backend module needs no
 * edit in session-api.
 *
 * @param artifacts the artifact of each backend, by name, sorted by name
 */
record FirstPartyBackends(SortedMap<String, String> artifacts) {

    /** Where the build puts the data, on session-api's own classpath. */
    static final String RESOURCE = "META-INF/session4j/first-party-backends.properties";

    /** No data, as in a build that did not generate it (some IDEs): the messages then name no artifact. */
    static final FirstPartyBackends NONE = new FirstPartyBackends(new TreeMap<>());

    FirstPartyBackends {
        artifacts = Collections.unmodifiableSortedMap(new TreeMap<>(artifacts));
    }

    /**
     * Backends with these names and artifacts.
     *
     * @param artifacts the artifact of each backend, by name
     * @return the backends
     */
    static FirstPartyBackends of(Map<String, String> artifacts) {
        return new FirstPartyBackends(new TreeMap<>(artifacts));
    }

    /**
     * The data that the build generated into session-api, or {@link #NONE} where it is missing.
     *
     * @return the first-party backends
     * @throws UncheckedIOException if the resource is there but cannot be read
     */
    static FirstPartyBackends load() {
        try (InputStream in = FirstPartyBackends.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return NONE;
            }
            Properties properties = new Properties();
            properties.load(in);
            TreeMap<String, String> artifacts = new TreeMap<>();
            properties.stringPropertyNames().forEach(name -> artifacts.put(name, properties.getProperty(name)));
            return new FirstPartyBackends(artifacts);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + " from session-api", e);
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
}
