package io.github.session4j;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The expiry rules of one manager, with no I/O: how long a session may still live, whether that
 * time has run out, and whether a read session's expiry is due for a refresh.
 */
final class ExpiryRules {

    private final CoreSettings settings;
    private final boolean refreshesInLoad;
    private final Duration refreshInterval;

    /**
     * @param settings the lifetimes and {@code SESSION_REFRESH_EACH_REQUEST}
     * @param refreshesInLoad whether the backend refreshes the expiry in the load
     *     ({@link io.github.session4j.spi.SessionInterface#refreshesInLoad()})
     */
    ExpiryRules(CoreSettings settings, boolean refreshesInLoad) {
        this.settings = settings;
        this.refreshesInLoad = refreshesInLoad;
        this.refreshInterval = ExpiryRefresh.interval(settings.permanentLifetime());
    }

    /**
     * How long a session created at {@code createdAt} may still live from {@code now}: the idle
     * lifetime, capped by what remains of the absolute lifetime. Zero or negative means expired.
     */
    Duration ttlFor(Instant createdAt, Instant now) {
        Duration ttl = settings.permanentLifetime();
        Optional<Duration> absolute = settings.absoluteLifetime();
        if (absolute.isPresent()) {
            Duration remaining = Duration.between(now, createdAt.plus(absolute.get()));
            if (remaining.compareTo(ttl) < 0) {
                ttl = remaining;
            }
        }
        return ttl;
    }

    /**
     * The TTL a stored session created at {@code createdAt} still has at {@code now}, or empty
     * when its time has run out: the session must then be deleted and treated as gone.
     */
    Optional<Duration> timeLeft(Instant createdAt, Instant now) {
        Duration ttl = ttlFor(createdAt, now);
        return ttl.isZero() || ttl.isNegative() ? Optional.empty() : Optional.of(ttl);
    }

    /**
     * Whether a session that was only read needs its expiry set to {@code ttl} now. Where the
     * load already refreshed it, only a session whose absolute lifetime ends sooner than the idle
     * lifetime needs a correction. Elsewhere the refresh is throttled ({@link ExpiryRefresh}): it
     * is due when the store's expiry is later than allowed, or when more than the refresh
     * interval has passed since the last refresh.
     *
     * @param storeExpiry the store's expiry as the load reported it, or null where it does not say
     */
    boolean refreshDue(Instant storeExpiry, Duration ttl, Instant now) {
        if (!settings.refreshEachRequest()) {
            return false;
        }
        if (refreshesInLoad) {
            return ttl.compareTo(settings.permanentLifetime()) < 0;
        }
        if (storeExpiry == null) {
            return true;
        }
        Duration remaining = Duration.between(now, storeExpiry);
        return remaining.compareTo(ttl) > 0 || ttl.minus(remaining).compareTo(refreshInterval) >= 0;
    }
}
