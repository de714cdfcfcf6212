package io.github.session4j.config.testproviders;

import io.github.session4j.SessionConfig;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.Set;

/** A test provider named {@code beta}; discovery tests never call {@link #create}. */
public final class BetaProvider implements SessionInterfaceProvider {

    @Override
    public String name() {
        return "beta";
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-beta";
    }

    @Override
    public Set<String> configKeys() {
        return Set.of("SESSION_BETA_HOSTS");
    }

    @Override
    public SessionInterface create(SessionConfig config) {
        throw new UnsupportedOperationException("test provider beta creates no backend");
    }
}
