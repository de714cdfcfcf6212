package io.github.session4j.memcached;

import java.time.Clock;
import java.time.Duration;

/**
 * Turns a time to live into memcached's expiration field.
 *
 * <p>Memcached reads an expiration of up to 30 days (2,592,000 seconds) as seconds from now and
 * anything larger as an absolute Unix time, so a longer TTL is sent as "now + TTL" in epoch
 * seconds, with "now" from the configured clock. Memcached counts whole seconds: a TTL with a
 * fraction of a second is rounded up, so a record never expires before its TTL. The field is a
 * signed 32-bit number, so an expiry after 2038-01-19T03:14:07Z is capped there.
 */
final class MemcachedExpiry {

    /** The largest expiration memcached reads as relative seconds: 30 days. */
    static final long MAX_RELATIVE_SECONDS = 30L * 24 * 60 * 60;

    private final Clock clock;

    /**
     * Creates the converter.
     *
     * @param clock the clock that says "now" for TTLs over 30 days
     */
    MemcachedExpiry(Clock clock) {
        this.clock = clock;
    }

    /**
     * The expiration field for a TTL.
     *
     * @param ttl the time to live, positive
     * @return seconds for a TTL of up to 30 days, otherwise an absolute Unix time
     * @throws IllegalArgumentException if the TTL is zero or negative
     */
    int expiration(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("the TTL must be positive but was " + ttl);
        }
        long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
        if (seconds <= MAX_RELATIVE_SECONDS) {
            return (int) seconds;
        }
        long absolute = clock.instant().getEpochSecond() + seconds;
        return (int) Math.min(absolute, Integer.MAX_VALUE);
    }
}
