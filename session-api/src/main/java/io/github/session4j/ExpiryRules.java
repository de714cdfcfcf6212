package io.github.session4j;

import io.github.session4j.codec.RecordExtensions;
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
     * The idle timeout a session with this record's extension values has: its own
     * ({@link Session#setIdleTimeout}) if it has one, else {@code PERMANENT_SESSION_LIFETIME}.
     */
    Duration idleTimeoutOf(RecordExtensions extensions) {
        return extensions.idleTimeout().orElse(settings.permanentLifetime());
    }

    /**
     * When the absolute lifetime of a session starts (DESIGN.md §9): at the sign-in for a
     * signed-in session, at its creation otherwise. Every {@code createdAt} below means this.
     *
     * @param createdAt when the session was created
     * @param extensions the record's extension values, with the sign-in time if any
     */
    static Instant lifetimeStart(Instant createdAt, RecordExtensions extensions) {
        return extensions.signedInAt().orElse(createdAt);
    }

    /** {@link #ttlFor(Instant, Duration, Instant)} with {@code PERMANENT_SESSION_LIFETIME} as the idle timeout. */
    Duration ttlFor(Instant createdAt, Instant now) {
        return ttlFor(createdAt, settings.permanentLifetime(), now);
    }

    /**
     * How long a session created at {@code createdAt} may still live from {@code now}: its idle
     * timeout, capped by what remains of the absolute lifetime. Zero or negative means expired.
     *
     * @param createdAt when the session's absolute lifetime started ({@link #lifetimeStart})
     * @param idleTimeout the session's idle timeout ({@link #idleTimeoutOf})
     */
    Duration ttlFor(Instant createdAt, Duration idleTimeout, Instant now) {
        Duration ttl = idleTimeout;
        Optional<Duration> absolute = settings.absoluteLifetime();
        if (absolute.isPresent()) {
            Duration remaining = Duration.between(now, createdAt.plus(absolute.get()));
            if (remaining.compareTo(ttl) < 0) {
                ttl = remaining;
            }
        }
        return ttl;
    }

    /** {@link #timeLeft(Instant, Duration, Instant)} with {@code PERMANENT_SESSION_LIFETIME} as the idle timeout. */
    Optional<Duration> timeLeft(Instant createdAt, Instant now) {
        return timeLeft(createdAt, settings.permanentLifetime(), now);
    }

    /**
     * The TTL a stored session created at {@code createdAt} still has at {@code now}, or empty
     * when its time has run out: the session must then be deleted and treated as gone.
     *
     * @param createdAt when the session's absolute lifetime started ({@link #lifetimeStart})
     * @param idleTimeout the session's idle timeout ({@link #idleTimeoutOf})
     */
    Optional<Duration> timeLeft(Instant createdAt, Duration idleTimeout, Instant now) {
        Duration ttl = ttlFor(createdAt, idleTimeout, now);
        return ttl.isZero() || ttl.isNegative() ? Optional.empty() : Optional.of(ttl);
    }

    /** {@link #refreshDue(Instant, Duration, Duration, Instant)} for a session with {@code PERMANENT_SESSION_LIFETIME}. */
    boolean refreshDue(Instant storeExpiry, Duration ttl, Instant now) {
        return refreshDue(storeExpiry, ttl, settings.permanentLifetime(), now);
    }

    /**
     * Whether a session that was only read needs its expiry set to {@code ttl} now. Where the
     * load already refreshed it (to {@code PERMANENT_SESSION_LIFETIME}: the load cannot know the
     * session's own idle timeout before it has read the record), only a session whose TTL is
     * another one needs a correction: one whose absolute lifetime ends sooner, or that has an idle
     * timeout of its own. Elsewhere the refresh is throttled ({@link ExpiryRefresh}, by the
     * session's idle timeout): it is due when the store's expiry is later than allowed, or when
     * more than the refresh interval has passed since the last refresh.
     *
     * @param storeExpiry the store's expiry as the load reported it, or null where it does not say
     * @param ttl the TTL the session has now ({@link #timeLeft})
     * @param idleTimeout the session's idle timeout ({@link #idleTimeoutOf})
     * @param now the time of the commit
     */
    boolean refreshDue(Instant storeExpiry, Duration ttl, Duration idleTimeout, Instant now) {
        if (!settings.refreshEachRequest()) {
            return false;
        }
        if (refreshesInLoad) {
            return !ttl.equals(settings.permanentLifetime());
        }
        if (storeExpiry == null) {
            return true;
        }
        Duration interval = idleTimeout.equals(settings.permanentLifetime()) ? refreshInterval : ExpiryRefresh.interval(idleTimeout);
        Duration remaining = Duration.between(now, storeExpiry);
        return remaining.compareTo(ttl) > 0 || ttl.minus(remaining).compareTo(interval) >= 0;
    }
}
