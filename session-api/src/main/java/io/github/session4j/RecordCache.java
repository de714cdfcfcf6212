package io.github.session4j;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.session4j.codec.DecodedRecord;
import io.github.session4j.spi.StoredRecord;
import java.util.Optional;

/**
 * Large records this JVM read or wrote recently, with the version the store gave them
 * ({@code SESSION_RECORD_CACHE}), and what they decode to. A kept record is never used without
 * asking the store whether its version is still current
 * ({@link io.github.session4j.spi.RecordRevalidator}), so a stale entry costs a read, never a
 * wrong answer. Each request gets its own deep copy of the decoded attributes. Bounded by the bytes of the records it holds,
 * evicting the least useful first (Caffeine's W-TinyLFU).
 */
final class RecordCache {

    /**
     * Records smaller than this are not kept: for them, asking whether the version changed costs
     * about as much as reading the record (more on Redis, where the question is a script).
     */
    static final int MIN_RECORD_BYTES = 8 * 1024;

    /**
     * A kept record: the bytes as the store holds them, their version and, once known, the
     * record decoded from them (a private copy, never handed out: see {@link AttributeCopies}).
     */
    record Entry(byte[] data, long version, DecodedRecord decoded) {
        /** About what the entry holds: the bytes, and as much again for the decoded values. */
        int weight() {
            return decoded == null ? data.length : data.length * 2;
        }
    }

    private final Cache<String, Entry> entries;

    RecordCache(long maxBytes) {
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Entry entry) -> entry.weight())
                .executor(Runnable::run) // evict on the caller's thread, not in the common pool
                .build();
    }

    /** The kept record of a key, or null. */
    Entry get(String key) {
        return entries.getIfPresent(key);
    }

    /** Keeps what a load found: a large record is kept, anything else forgets the key. */
    void remember(String key, Optional<StoredRecord> found) {
        if (found.isPresent()) {
            remember(key, found.get().data(), found.get().version());
        } else {
            forget(key);
        }
    }

    /** Keeps a record the store now holds under {@code version}; the caller must not change {@code data}. */
    void remember(String key, byte[] data, long version) {
        remember(key, data, version, null);
    }

    /**
     * Keeps a record with what it decodes to; {@code decoded} must be a private copy that nobody
     * changes (or null when unknown).
     */
    void remember(String key, byte[] data, long version, DecodedRecord decoded) {
        if (data.length >= MIN_RECORD_BYTES) {
            entries.put(key, new Entry(data, version, decoded));
        } else {
            forget(key);
        }
    }

    /** The decoded form kept with exactly these bytes (the same array), or null. */
    DecodedRecord decodedOf(String key, byte[] data) {
        Entry entry = entries.getIfPresent(key);
        return entry != null && entry.data() == data ? entry.decoded() : null;
    }

    /** Keeps {@code decoded} (a private copy) with the entry of a key if it still holds exactly these bytes. */
    void attach(String key, byte[] data, DecodedRecord decoded) {
        entries.asMap().computeIfPresent(key, (k, entry) ->
                entry.data() == data && entry.decoded() == null ? new Entry(data, entry.version(), decoded) : entry);
    }

    void forget(String key) {
        entries.invalidate(key);
    }
}
