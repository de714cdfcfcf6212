package io.github.session4j.codec.listed;

import java.io.Serializable;

/**
 * A listed class planted in a validly signed record: the control that shows a planted class is
 * loaded when, and only when, the MAC verifies and the patterns list it.
 */
public final class SignedCanary implements Serializable {

    private static final long serialVersionUID = 1L;

    static {
        Witness.signedCanary = true;
    }

    /** Same field as the decoy's. */
    public String payload = "x";
}
