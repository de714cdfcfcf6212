package io.github.session4j;

import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;

/**
 * Presents a backend instance made in code as a provider, so that the rest of start-up treats
 * both ways in alike. Its settings are those of whichever provider on the classpath declares them.
 */
final class GivenBackend implements SessionInterfaceProvider {

    private final String name;
    private final SessionInterface backend;

    GivenBackend(String name, SessionInterface backend) {
        this.name = name;
        this.backend = backend;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String artifact() {
        return "(a backend instance given in code)";
    }

    @Override
    public SessionInterface create(BackendContext context) {
        return backend;
    }
}
