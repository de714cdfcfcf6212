package io.github.session4j.codec.listed;

import java.io.Serializable;

/**
 * A class that SESSION_SERIALIZABLE_CLASSES lists, planted in records whose MAC is wrong: it must
 * never be loaded. Its static initializer records that it ran; tests name it only as a string.
 */
public final class ListedCanary implements Serializable {

    private static final long serialVersionUID = 1L;

    static {
        Witness.listedCanary = true;
    }

    /** Same field as the decoy's. */
    public String payload = "x";
}
