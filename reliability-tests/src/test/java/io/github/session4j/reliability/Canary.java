package io.github.session4j.reliability;

import java.io.Serializable;

/**
 * A class no decoder may ever load: its static initializer records that it ran. The tests name
 * it only as text (in planted records), so only a decoder that resolves class names could
 * initialise it.
 */
final class Canary implements Serializable {

    private static final long serialVersionUID = 1L;

    static {
        CanaryWitness.initialised = true;
    }

    /** A field, so that the serialized form looks like real data. */
    String payload = "x";
}
