package io.github.session4j;

import java.time.Duration;

/**
 * How often a session's expiry is refreshed at most: the one throttle rule that the core applies
 * to the refresh of a read session and that a backend may apply when it saves (session-jdbc keeps
 * a row's expiry when a save would move it by less than this, so that the save writes no index
 * entry). A refresh that would move the expiry by less than the interval is not due.
 */
public final class ExpiryRefresh {

    /** Refreshes are at most this far apart, however long the lifetime. */
    public static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

    private ExpiryRefresh() {
    }

    /**
     * The refresh interval for a lifetime: a tenth of it, at most {@link #MAX_INTERVAL}.
     *
     * @param lifetime the lifetime a refresh restores, positive
     * @return the interval
     */
    public static Duration interval(Duration lifetime) {
        Duration tenth = lifetime.dividedBy(10);
        return tenth.compareTo(MAX_INTERVAL) < 0 ? tenth : MAX_INTERVAL;
    }
}
