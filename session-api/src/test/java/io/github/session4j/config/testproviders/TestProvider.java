package io.github.session4j.config.testproviders;

import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.Set;

/** A provider for discovery tests: a name and keys, and no backend ({@link #create} is never called). */
abstract class TestProvider implements SessionInterfaceProvider {

    private final String name;
    private final Set<String> keys;

    TestProvider(String name, Set<String> keys) {
        this.name = name;
        this.keys = keys;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-" + name;
    }

    @Override
    public Set<String> configKeys() {
        return keys;
    }

    @Override
    public SessionInterface create(BackendContext context) {
        throw new UnsupportedOperationException("test provider " + name + " creates no backend");
    }
}
