package io.github.session4j.benchmarks;

/**
 * The floor: a raw client storing {@link RawRecord}s under a key, with one load for a read request
 * and one load plus one write for a modifying one. Subclasses say how a record is loaded and
 * written.
 */
abstract class RawTarget implements SessionTarget {

    private final byte[] payload;

    RawTarget(int size) {
        this.payload = Payload.of(size);
    }

    /**
     * Loads a record.
     *
     * @param key its key
     * @return its bytes
     * @throws IllegalStateException when it is missing
     */
    abstract byte[] load(String key);

    /**
     * Writes a record, creating or replacing it, with {@link RawRecord#TTL_SECONDS} to live.
     *
     * @param key its key
     * @param record its bytes
     */
    abstract void write(String key, byte[] record);

    @Override
    public String newSession() {
        String key = RawRecord.newKey("raw-");
        write(key, RawRecord.initial(payload));
        return key;
    }

    @Override
    public int read(String key) {
        return load(key).length;
    }

    @Override
    public long modify(String key) {
        byte[] record = load(key);
        long counter = RawRecord.increment(record);
        write(key, record);
        return counter;
    }
}
