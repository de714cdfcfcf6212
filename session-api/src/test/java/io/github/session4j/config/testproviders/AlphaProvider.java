package io.github.session4j.config.testproviders;

import java.util.Set;

/** A test provider named {@code alpha}. */
public final class AlphaProvider extends TestProvider {

    /** Creates the provider, as ServiceLoader does. */
    public AlphaProvider() {
        super("alpha", Set.of("SESSION_ALPHA_URL"));
    }
}
