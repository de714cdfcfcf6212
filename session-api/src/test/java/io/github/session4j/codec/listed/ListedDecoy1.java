package io.github.session4j.codec.listed;

import java.io.Serializable;

/**
 * A harmless listed class whose name is as long as {@link ListedCanary}'s and {@link SignedCanary}'s:
 * its Java-serialized form is patched to name one of them, without the test touching the canary.
 */
public final class ListedDecoy1 implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Same field as the canaries'. */
    public String payload = "x";
}
