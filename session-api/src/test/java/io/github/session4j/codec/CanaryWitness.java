package io.github.session4j.codec;

/** Set by {@link Canary}'s static initializer; read by the tests that plant its name in records. */
final class CanaryWitness {

    static volatile boolean initialised;

    private CanaryWitness() {
    }
}
