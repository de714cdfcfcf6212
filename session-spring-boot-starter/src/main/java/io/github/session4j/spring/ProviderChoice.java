package io.github.session4j.spring;

import io.github.session4j.SessionConfig;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.Optional;

/**
 * A way for the starter to build a backend from the application's own beans (such as its
 * {@code DataSource}) instead of the backend's settings; registered only when that backend's jar
 * is on the classpath.
 */
interface ProviderChoice {

    /**
     * The provider to use instead of discovery, when this choice applies.
     *
     * @param type the configured {@code SESSION_TYPE}, lower case
     * @param config the configuration
     * @return the provider, or empty to let discovery choose
     */
    Optional<SessionInterfaceProvider> provider(String type, SessionConfig config);
}
