package io.github.session4j.codec;

import java.io.Serializable;

/**
 * A harmless class whose name is as long as {@link Canary}'s: its Java-serialized form is patched
 * to name the canary instead, without the test ever touching the canary class.
 */
final class Decoy1 implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Same field as the canary's. */
    String payload = "x";
}
