package io.github.session4j.config.testproviders;

import java.util.Set;

/** A test provider named {@code beta}. */
public final class BetaProvider extends TestProvider {

    /** Creates the provider, as ServiceLoader does. */
    public BetaProvider() {
        super("beta", Set.of("SESSION_BETA_HOSTS"));
    }
}
