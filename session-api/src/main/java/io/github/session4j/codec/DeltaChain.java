package io.github.session4j.codec;

/**
 * How a record that {@link RecordFormat#read} decoded is laid out in the store, as far as delta
 * frames are concerned: what {@link RecordFormat#writeDelta} needs to add a change after it. The
 * core keeps it from the load and hands it back unread.
 */
public final class DeltaChain {

    /** A record that takes no delta frame: written in another layout, mode, codec or key. */
    public static final DeltaChain NONE = new DeltaChain(false, 0, 0, 0, null, 0);

    private final boolean appendable;
    private final int storedLength;
    private final int baseLength;
    private final int frames;
    private final byte[] lastMac;
    private final int codecId;

    DeltaChain(boolean appendable, int storedLength, int baseLength, int frames, byte[] lastMac, int codecId) {
        this.appendable = appendable;
        this.storedLength = storedLength;
        this.baseLength = baseLength;
        this.frames = frames;
        this.lastMac = lastMac;
        this.codecId = codecId;
    }

    /**
     * Whether a delta frame may follow this record at all (layout version 2 or 3, not encrypted, the
     * current codec and key).
     *
     * @return true if {@link RecordFormat#writeDelta} may be asked
     */
    public boolean appendable() {
        return appendable;
    }

    /**
     * The stored bytes: the base record and its frames.
     *
     * @return a length in bytes
     */
    public int storedLength() {
        return storedLength;
    }

    /**
     * How many delta frames follow the base record.
     *
     * @return zero or more
     */
    public int frames() {
        return frames;
    }

    int baseLength() {
        return baseLength;
    }

    /** The MAC that the next frame's MAC chains to: the last frame's, or the base record's; null when unsigned. */
    byte[] lastMac() {
        return lastMac;
    }

    int codecId() {
        return codecId;
    }

    @Override
    public String toString() {
        return appendable ? "DeltaChain[" + storedLength + " bytes, base " + baseLength + ", " + frames + " frames]"
                : "DeltaChain[not appendable]";
    }
}
