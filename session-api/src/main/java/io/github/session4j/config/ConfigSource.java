package io.github.session4j.config;

/**
 * Where a setting came from. Sources are listed from the weakest to the strongest: a later source
 * wins over an earlier one.
 */
public enum ConfigSource {

    /** The properties file: {@code session.properties} on the classpath or the file named by {@code SESSION_CONFIG}. */
    FILE("the properties file"),
    /** An environment variable. */
    ENVIRONMENT("the environment"),
    /** A JVM system property. */
    SYSTEM_PROPERTIES("system properties"),
    /** A value set in code through a builder. */
    CODE("code");

    private final String description;

    ConfigSource(String description) {
        this.description = description;
    }

    /**
     * A short phrase for messages, such as {@code the environment}.
     *
     * @return the phrase
     */
    public String description() {
        return description;
    }
}
