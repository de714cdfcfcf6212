package io.github.session4j.codec;

import java.io.Serializable;

/**
 * A class that no decoder may ever load: its static initializer records that it ran. Tests name
 * it only as a string, so nothing but a decoder that resolves class names could initialise it.
 */
final class Canary implements Serializable {

    private static final long serialVersionUID = 1L;

    static {
        CanaryWitness.initialised = true;
    }

    /** A field, so that serialized forms look like real data. */
    String payload = "x";
}
