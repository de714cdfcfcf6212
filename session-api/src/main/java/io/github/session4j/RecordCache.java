package io.github.session4j;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.session4j.codec.DecodedRecord;

/**
 * Large records this JVM read or wrote recently, with the version the store gave them
 * ({@code SESSION_RECORD_CACHE}), and what they decode to. A kept record is never used without
 * asking the store whether its version is still current
 * ({@link io.github.session4j.spi.RecordRevalidator}), so a stale entry costs a read, never a
 * wrong answer. The decoded form is private to the cache: requests get its values through
 * copies ({@link AttributeCopies}). Bounded by the bytes of the records it holds, evicting the
 * least useful first (Caffeine's W-TinyLFU).
 */
final class RecordCache {

    /**
     * Records smaller than this are not kept: for them, asking whether the version changed costs
     * about as much as reading the record (more on Redis, where the question is a script).
     */
    static final int MIN_RECORD_BYTES = 8 * 1024;

    /**
     * A kept record: the bytes as the store holds them, their version and, once known, the
     * record decoded from them (never handed out, and holding only values that
     * {@link AttributeCopies} can copy).
     */
    record KeptRecord(RecordBytes bytes, long version, DecodedRecord decoded) {
        /** About what the entry holds: the bytes, and as much again for the decoded values. */
        int weight() {
            return decoded == null ? bytes.length() : bytes.length() * 2;
        }
    }

    private final Cache<String, KeptRecord> entries;

    RecordCache(long maxBytes) {
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, KeptRecord entry) -> entry.weight())
                .executor(Runnable::run) // evict on the caller's thread, not in the common pool
                .build();
    }

    /** The kept record of a key, or null. */
    KeptRecord get(String key) {
        return entries.getIfPresent(key);
    }

    /**
     * Keeps a record the store now holds under {@code version}, with what it decodes to, or null
     * when unknown; a record too small to keep forgets the key instead.
     */
    void remember(String key, RecordBytes bytes, long version, DecodedRecord decoded) {
        if (bytes.length() >= MIN_RECORD_BYTES) {
            entries.put(key, new KeptRecord(bytes, version, decoded));
        } else {
            forget(key);
        }
    }

    /** The decoded form kept with exactly these bytes (the same instance), or null. */
    DecodedRecord decodedOf(String key, RecordBytes bytes) {
        KeptRecord entry = entries.getIfPresent(key);
        return entry != null && entry.bytes() == bytes ? entry.decoded() : null;
    }

    /** Keeps {@code decoded} with the entry of a key if it still holds exactly these bytes. */
    void attach(String key, RecordBytes bytes, DecodedRecord decoded) {
        entries.asMap().computeIfPresent(key, (k, entry) ->
                entry.bytes() == bytes && entry.decoded() == null ? new KeptRecord(bytes, entry.version(), decoded) : entry);
    }

    void forget(String key) {
        entries.invalidate(key);
    }
}
