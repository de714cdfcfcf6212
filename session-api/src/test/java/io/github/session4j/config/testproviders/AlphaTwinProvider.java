package io.github.session4j.config.testproviders;

import java.util.Set;

/** A test provider named {@code alpha}. */
public final class AlphaTwinProvider extends TestProvider {

    /** Creates the provider, as ServiceLoader does. */
    public AlphaTwinProvider() {
        super("alpha", Set.of());
    }
}
