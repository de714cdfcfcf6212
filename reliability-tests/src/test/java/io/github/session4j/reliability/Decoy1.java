package io.github.session4j.reliability;

import java.io.Serializable;

/**
 * Serialized in place of {@link Canary}, whose name has the same length: the tests swap the class
 * name in the bytes, so that the stream names the canary without the canary ever being touched.
 */
final class Decoy1 implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A field, like the canary's. */
    String payload = "x";
}
