package io.github.session4j.codec.listed;

/** A listed class that is not Serializable. */
public final class NotSerializableThing {
    /** A field. */
    public String name = "n";
}
