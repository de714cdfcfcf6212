package io.github.session4j.codec;

import java.util.Map;
import java.util.Objects;

/**
 * A record read back by {@link RecordFormat#read}, with what the manager should know about how it
 * was protected.
 *
 * @param record the record
 * @param signedWithFallbackKey true when its MAC (or AES-GCM tag) verified only under a key from
 *     {@code SECRET_KEY_FALLBACKS}: the manager should rewrite it under the current
 *     {@code SECRET_KEY}
 * @param outdatedProtection true when it was written under another protection mode than the
 *     current one (signed only while {@code SESSION_ENCRYPT=true}, or encrypted while it is now
 *     false): readable, but the manager should rewrite it
 * @param chain where the record stands for delta frames, for {@link RecordFormat#writeDelta}
 */
public record DecodedRecord(SessionRecord record, boolean signedWithFallbackKey, boolean outdatedProtection,
        DeltaChain chain) {

    /**
     * Creates the result.
     *
     * @param record the record
     * @param signedWithFallbackKey see the class description
     * @param outdatedProtection see the class description
     * @param chain where the record stands for delta frames
     * @throws NullPointerException if {@code record} or {@code chain} is null
     */
    public DecodedRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(chain, "chain");
    }

    /**
     * Creates the result for a record that takes no delta frame.
     *
     * @param record the record
     * @param signedWithFallbackKey see the class description
     * @param outdatedProtection see the class description
     */
    public DecodedRecord(SessionRecord record, boolean signedWithFallbackKey, boolean outdatedProtection) {
        this(record, signedWithFallbackKey, outdatedProtection, DeltaChain.NONE);
    }

    /**
     * The same record with other attributes: same creation time, permanence, extensions, protection
     * and chain.
     *
     * @param attributes the attributes
     * @return the record with them
     */
    public DecodedRecord withAttributes(Map<String, Object> attributes) {
        return new DecodedRecord(record.withAttributes(attributes), signedWithFallbackKey, outdatedProtection, chain);
    }

    /**
     * Whether the manager should write the record again (with unchanged contents) so that it is
     * protected by the current key and mode.
     *
     * @return {@code signedWithFallbackKey() || outdatedProtection()}
     */
    public boolean needsRewrite() {
        return signedWithFallbackKey || outdatedProtection;
    }
}
