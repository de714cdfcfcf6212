package io.github.session4j.config.testproviders;

import io.github.session4j.SessionConfig;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;

/** A test provider whose constructor throws, as one whose client library is missing would. */
public final class ThrowingProvider implements SessionInterfaceProvider {

    /** The message of the constructor's exception. */
    public static final String FAILURE = "client library com.example.Client is missing";

    /** Always throws. */
    public ThrowingProvider() {
        throw new IllegalStateException(FAILURE);
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-broken";
    }

    @Override
    public SessionInterface create(SessionConfig config) {
        throw new UnsupportedOperationException("never constructed");
    }
}
