package io.github.session4j.redis;

import java.time.Duration;

/** Formats durations the way settings spell them ({@code 500ms}, {@code 2s}) for messages. */
final class Durations {

    private Durations() {
    }

    /**
     * Formats a duration as whole seconds when it is one, else as milliseconds.
     *
     * @param d the duration
     * @return such as {@code 2s} or {@code 1500ms}
     */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /**
     * A positive time to live in whole milliseconds, the unit of {@code PX} and {@code PEXPIRE};
     * a fraction of a millisecond rounds up so that a positive TTL never becomes zero.
     *
     * @param ttl the time to live
     * @return the milliseconds, at least 1
     * @throws IllegalArgumentException if {@code ttl} is null, zero or negative
     */
    static long ttlMillis(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be a positive duration but was " + ttl);
        }
        long millis = ttl.toMillis();
        return ttl.equals(Duration.ofMillis(millis)) ? millis : millis + 1;
    }
}
