package io.github.session4j.config.testproviders;

import java.util.Set;

/** A test provider whose constructor throws, as one whose client library is missing would. */
public final class ThrowingProvider extends TestProvider {

    /** The message of the constructor's exception. */
    public static final String FAILURE = "client library com.example.Client is missing";

    /** Always throws. */
    public ThrowingProvider() {
        super(fail(), Set.of());
    }

    private static String fail() {
        throw new IllegalStateException(FAILURE);
    }
}
