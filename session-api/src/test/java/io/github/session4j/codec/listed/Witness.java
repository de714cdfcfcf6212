package io.github.session4j.codec.listed;

/** Set by the canaries' static initializers; read by the tests that plant their names in records. */
public final class Witness {

    /** {@link ListedCanary}'s initializer ran. */
    public static volatile boolean listedCanary;
    /** {@link SignedCanary}'s initializer ran. */
    public static volatile boolean signedCanary;

    private Witness() {
    }
}
