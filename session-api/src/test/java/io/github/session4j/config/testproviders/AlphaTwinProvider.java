package io.github.session4j.config.testproviders;

import io.github.session4j.SessionConfig;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.Set;

/** A test provider named {@code alpha}; discovery tests never call {@link #create}. */
public final class AlphaTwinProvider implements SessionInterfaceProvider {

    @Override
    public String name() {
        return "alpha";
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-alpha";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of();
    }

    @Override
    public SessionInterface create(SessionConfig config) {
        throw new UnsupportedOperationException("test provider alpha creates no backend");
    }
}
