package io.github.session4j;

import io.github.session4j.codec.RecordFormat;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every request of one {@link SessionManager} shares: settings, the backend, the record
 * format, ID handling, statistics, and the expiry rules. Store calls go through here so that they
 * are counted in one place.
 */
final class SessionRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SessionManager.class.getName());

    /** Expired records a single cleanup run deletes at most (SESSION_CLEANUP_N_REQUESTS). */
    static final int CLEANUP_BATCH = 1000;

    /** Refreshes of a read-only session are at most this far apart, however long the lifetime. */
    static final Duration MAX_REFRESH_INTERVAL = Duration.ofMinutes(1);

    private final CoreSettings settings;
    private final SessionInterface backend;
    private final RecordFormat format;
    private final SessionIds ids;
    private final Cookies cookies;
    private final Clock clock;
    private final SessionStats stats = new SessionStats();
    private final Duration refreshInterval;
    private final AtomicLong commitsSinceCleanup = new AtomicLong();
    private final int cleanupEvery;
    private final ExecutorService cleanupExecutor;

    SessionRuntime(CoreSettings settings, SessionInterface backend, RecordFormat format, Clock clock) {
        this.settings = settings;
        this.backend = backend;
        this.format = format;
        this.clock = clock;
        this.ids = new SessionIds(settings.idLength(), settings.keyPrefix());
        this.cookies = new Cookies(settings);
        Duration tenth = settings.permanentLifetime().dividedBy(10);
        this.refreshInterval = tenth.compareTo(MAX_REFRESH_INTERVAL) < 0 ? tenth : MAX_REFRESH_INTERVAL;
        this.cleanupEvery = settings.cleanupNRequests().orElse(0);
        this.cleanupExecutor = cleanupEvery > 0 && backend instanceof ExpirySweeper
                ? Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "session4j-cleanup");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
    }

    CoreSettings settings() {
        return settings;
    }

    SessionInterface backend() {
        return backend;
    }

    RecordFormat format() {
        return format;
    }

    SessionIds ids() {
        return ids;
    }

    Cookies cookies() {
        return cookies;
    }

    Clock clock() {
        return clock;
    }

    SessionStats stats() {
        return stats;
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
     * Reads a record, refreshing its expiry in the same round trip when the backend can and
     * refreshes are wanted.
     */
    Optional<StoredRecord> read(String key) {
        stats.loads.increment();
        if (settings.refreshEachRequest() && backend.refreshesInLoad()) {
            stats.touches.increment();
            return backend.loadAndTouch(key, settings.permanentLifetime());
        }
        return backend.load(key);
    }

    /**
     * After a read, sets the expiry the session should have when a refresh is due. Where the read
     * already refreshed it ({@link SessionInterface#refreshesInLoad()}), only a session whose
     * absolute lifetime ends sooner than the idle lifetime needs a correction. Elsewhere the refresh
     * is throttled: it is sent when the store's expiry is later than allowed, or when more than
     * a tenth of the idle lifetime (at most one minute) has passed since the last refresh.
     */
    void refreshAfterRead(String key, Instant storedExpiresAt, Duration ttl, Instant now) {
        if (!settings.refreshEachRequest()) {
            return;
        }
        if (backend.refreshesInLoad()) {
            if (ttl.compareTo(settings.permanentLifetime()) < 0) {
                touch(key, ttl);
            }
            return;
        }
        if (storedExpiresAt == null) {
            touch(key, ttl);
            return;
        }
        Duration remaining = Duration.between(now, storedExpiresAt);
        if (remaining.compareTo(ttl) > 0 || ttl.minus(remaining).compareTo(refreshInterval) >= 0) {
            touch(key, ttl);
        }
    }

    void touch(String key, Duration ttl) {
        stats.touches.increment();
        backend.touch(key, ttl);
    }

    boolean create(String key, byte[] record, Duration ttl) {
        stats.creates.increment();
        return backend.create(key, record, ttl);
    }

    boolean replace(String key, byte[] record, long version, Duration ttl) {
        stats.replaces.increment();
        return backend.replace(key, record, version, ttl);
    }

    /**
     * Whether a save may append a delta frame: {@code SESSION_DELTA_WRITES} is on and the backend
     * can append ({@link RecordAppender}). Checked first, so that a save with it off builds no frame.
     */
    boolean canAppend() {
        return settings.deltaWrites() && backend instanceof RecordAppender;
    }

    boolean append(String key, byte[] frame, long version, Duration ttl) {
        stats.appends.increment();
        return ((RecordAppender) backend).append(key, frame, version, ttl);
    }

    void delete(String key) {
        stats.deletes.increment();
        backend.delete(key);
    }

    /** Counts commits and, every SESSION_CLEANUP_N_REQUESTS of them, sweeps expired records in the background. */
    void afterCommit() {
        if (cleanupExecutor == null) {
            return;
        }
        if (commitsSinceCleanup.incrementAndGet() % cleanupEvery == 0) {
            cleanupExecutor.execute(() -> {
                try {
                    ((ExpirySweeper) backend).sweepExpired(CLEANUP_BATCH);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Sweeping expired sessions failed; the next run will try again", e);
                }
            });
        }
    }

    @Override
    public void close() {
        if (cleanupExecutor != null) {
            cleanupExecutor.shutdownNow();
            try {
                cleanupExecutor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        backend.close();
    }
}
