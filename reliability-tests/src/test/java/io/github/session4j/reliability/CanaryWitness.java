package io.github.session4j.reliability;

/** Set by {@link Canary}'s static initializer; reading it does not initialise {@code Canary}. */
final class CanaryWitness {

    static volatile boolean initialised;

    private CanaryWitness() {
    }
}
