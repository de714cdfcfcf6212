package io.github.session4j;

import io.github.session4j.codec.DecodedRecord;
import io.github.session4j.codec.RecordExtensions;
import io.github.session4j.codec.RecordFormat;
import io.github.session4j.codec.UnreadableRecordException;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.Revalidation;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every request of one {@link SessionManager} shares: settings, the backend, the record
 * format, ID handling, statistics, and the expiry rules. Store calls go through here so that they
 * are counted in one place.
 *
 * <p>Optional capabilities of the backend are found once, through
 * {@link SessionInterface#capability}, so that a wrapper passes them through; a setting that needs
 * one the backend lacks has already stopped start-up ({@link CapabilityRequirements}).
 */
final class SessionRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SessionManager.class.getName());

    /** Expired records a single cleanup run deletes at most (SESSION_CLEANUP_N_REQUESTS). */
    static final int CLEANUP_BATCH = 1000;

    private final CoreSettings settings;
    private final SessionInterface backend;
    private final RecordFormat format;
    private final SessionIds ids;
    private final Cookies cookies;
    private final Clock clock;
    private final SessionStats stats = new SessionStats();
    private final ExpiryRules expiry;
    private final CommitPlanner planner;
    private final CrossOriginProtection crossOrigin;
    private final AtomicLong commitsSinceCleanup = new AtomicLong();
    private final int cleanupEvery;
    private final ExecutorService cleanupExecutor;
    private final ExpirySweeper sweeper;
    private final RecordRevalidator revalidator;
    private final boolean appends;
    private final RecordCache cache;
    private final FlaskCookies flaskCookies;
    private final Principals principals;
    /** The backend's principal index when this manager keeps one, else null. */
    private final PrincipalIndex principalIndex;

    SessionRuntime(CoreSettings settings, SessionInterface backend, RecordFormat format, Clock clock) {
        this.settings = settings;
        this.backend = backend;
        this.format = format;
        this.clock = clock;
        this.ids = new SessionIds(settings.idLength(), settings.keyPrefix(), settings.flaskRecords());
        this.cookies = new Cookies(settings);
        this.expiry = new ExpiryRules(settings, backend.refreshesInLoad());
        this.principals = new Principals(settings.secretKey().orElse(null));
        this.principalIndex = settings.principalIndex().orElse(true)
                ? backend.capability(PrincipalIndex.class).orElse(null) : null;
        this.planner = new CommitPlanner(settings, expiry, format, ids, cookies, this::principalKeyOf);
        this.crossOrigin = CrossOriginProtection.of(settings.trustedOrigins(), settings.crossOriginBypass());
        this.cleanupEvery = settings.cleanupNRequests().orElse(0);
        this.sweeper = cleanupEvery > 0 ? required(backend, ExpirySweeper.class) : null;
        this.revalidator = settings.recordCache() > 0 ? required(backend, RecordRevalidator.class) : null;
        this.appends = settings.deltaWrites();
        if (appends) {
            required(backend, RecordAppender.class);
        }
        this.cleanupExecutor = sweeper != null
                ? Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "session4j-cleanup");
                    thread.setDaemon(true);
                    return thread;
                })
                : null;
        this.cache = revalidator == null ? null : new RecordCache(settings.recordCache());
        this.flaskCookies = new FlaskCookies(settings);
    }

    /** A capability that start-up has already checked ({@link CapabilityRequirements#check}). */
    private static <T> T required(SessionInterface backend, Class<T> type) {
        return backend.capability(type).orElseThrow(() -> new IllegalStateException(
                "the backend " + backend + " has no " + type.getSimpleName() + ", which start-up checks"));
    }

    CoreSettings settings() {
        return settings;
    }

    /** The principal rules: checks, principal keys, handles. */
    Principals principals() {
        return principals;
    }

    /**
     * The backend's principal index, when this manager keeps one: the backend has it and
     * {@code SESSION_PRINCIPAL_INDEX} is not {@code false}.
     */
    Optional<PrincipalIndex> principalIndex() {
        return Optional.ofNullable(principalIndex);
    }

    /** The principal key of {@code principal}, or null when this manager keeps no principal index. */
    String principalKeyOf(String principal) {
        return principalIndex == null ? null : principals.keyOf(principal);
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

    /** The cookie value of an ID and back: the ID itself, or with SESSION_USE_SIGNER Flask-Session's signed one. */
    FlaskCookies flaskCookies() {
        return flaskCookies;
    }

    SessionStats stats() {
        return stats;
    }

    /** The commit rules. */
    CommitPlanner planner() {
        return planner;
    }

    /** The cross-origin rules, with the configured trusted origins and bypass patterns. */
    CrossOriginProtection crossOrigin() {
        return crossOrigin;
    }

    /** The lifetimes and the refresh throttle. */
    ExpiryRules expiry() {
        return expiry;
    }

    /**
     * Reads a record, refreshing its expiry in the same round trip when the backend can and
     * refreshes are wanted. A record kept in the record cache is only revalidated: the store says
     * whether its version changed and sends the record only if it did.
     */
    Optional<FetchedRecord> fetch(String key) {
        stats.loads.increment();
        boolean touch = touchesInFetch();
        if (touch) {
            stats.touches.increment();
        }
        Duration ttl = settings.permanentLifetime();
        RecordCache.KeptRecord kept = cache == null ? null : cache.get(key);
        Optional<StoredRecord> found;
        if (kept != null) {
            Revalidation answer = revalidator.revalidate(key, kept.version(), touch ? ttl : null);
            if (answer.isUnchanged()) {
                stats.revalidated.increment();
                return Optional.of(new FetchedRecord(kept.bytes(), kept.version(), answer.expiresAt()));
            }
            found = answer.current();
        } else {
            found = touch ? backend.loadAndTouch(key, ttl) : backend.load(key);
        }
        return remembered(key, found);
    }

    /**
     * Whether {@link #fetch} refreshes the expiry of what it finds, to
     * {@code PERMANENT_SESSION_LIFETIME}: when refreshes are wanted and the backend refreshes in
     * the load.
     */
    boolean touchesInFetch() {
        return settings.refreshEachRequest() && backend.refreshesInLoad();
    }

    /** A plain load of a key a principal's index listed, for {@link PrincipalSessions}: no refresh, no record cache. */
    Optional<StoredRecord> loadForListing(String key) {
        stats.loads.increment();
        return backend.load(key);
    }

    /** A plain load, as after a lost race; what it finds is kept in the record cache. */
    Optional<FetchedRecord> refetch(String key) {
        stats.loads.increment();
        return remembered(key, backend.load(key));
    }

    private Optional<FetchedRecord> remembered(String key, Optional<StoredRecord> found) {
        Optional<FetchedRecord> read = found.map(FetchedRecord::of);
        if (cache != null) {
            if (read.isPresent()) {
                cache.remember(key, read.get().bytes(), read.get().version(), null);
            } else {
                cache.forget(key);
            }
        }
        return read;
    }

    /**
     * Decodes a record that {@link #fetch} returned into the load state of the request that
     * presented {@code id}. With the record cache on, a record is decoded once and kept decoded;
     * each request then gets a new map of the kept values, which its session copies one by one as
     * the application reaches them ({@link LoadState#sharesValues()}).
     *
     * @throws UnreadableRecordException when the record cannot be read
     */
    LoadState decode(String id, String key, FetchedRecord found) {
        DecodedRecord kept = cache == null ? null : cache.decodedOf(key, found.bytes());
        if (kept == null) {
            DecodedRecord decoded = format.read(key, found.bytes().whole());
            if (cache == null || !AttributeCopies.canCopyAll(decoded.record().attributes())) {
                return LoadState.found(id, key, found, decoded, false); // a registered type is never shared
            }
            cache.attach(key, found.bytes(), decoded);
            kept = decoded;
        }
        return LoadState.found(id, key, found, kept, true);
    }

    /**
     * Decodes a record that {@link #refetch} returned, into a load state whose values nobody else
     * holds.
     *
     * @throws UnreadableRecordException when the record cannot be read
     */
    LoadState decodeOwned(String id, String key, FetchedRecord found) {
        LoadState loaded = decode(id, key, found);
        if (!loaded.sharesValues()) {
            return loaded;
        }
        return loaded.withOwnedAttributes(AttributeCopies.copyAll(loaded.attributes()));
    }

    void touch(String key, Duration ttl) {
        stats.touches.increment();
        backend.touch(key, ttl);
    }

    boolean create(String key, byte[] record, Duration ttl, IndexChange index) {
        stats.creates.increment();
        return backend.write(new RecordWrite.Create(key, record, ttl, index)).isWritten();
    }

    boolean replace(String key, byte[] record, long version, Duration ttl, IndexChange index) {
        stats.replaces.increment();
        RecordWrite.Replace write = new RecordWrite.Replace(key, record, version, ttl, index);
        if (cache == null) {
            return backend.write(write).isWritten();
        }
        WriteResult result = keptWrite(write);
        result.newVersion().ifPresent(stored -> cache.remember(key, RecordBytes.of(record), stored, null));
        return result.isWritten();
    }

    /**
     * Whether a save may append a delta frame: {@code SESSION_DELTA_WRITES} is on, which start-up
     * allows only on a backend that can append ({@link RecordAppender}). Checked first, so that a
     * save with it off builds no frame.
     */
    boolean canAppend() {
        return appends;
    }

    /**
     * Appends a delta frame to the stored record {@code base}, whose version is {@code version}.
     * With the record cache on, the record with the frame is kept under its new version, without
     * joining the frame to the record's bytes, and, when the record was kept decoded, decoded: the
     * frame is applied to what the record decoded to.
     */
    boolean append(String key, RecordBytes base, byte[] frame, long version, Duration ttl) {
        stats.appends.increment();
        RecordWrite.Append write = new RecordWrite.Append(key, frame, version, ttl);
        if (cache == null) {
            return backend.write(write).isWritten();
        }
        WriteResult result = keptWrite(write);
        result.newVersion().ifPresent(stored -> cache.remember(key, base.plus(frame), stored, decodedAfter(key, base, frame)));
        return result.isWritten();
    }

    /**
     * What the kept record {@code base} decodes to with {@code frame} after it, or null when it is
     * not kept decoded or the frame holds a value the cache cannot copy.
     */
    private DecodedRecord decodedAfter(String key, RecordBytes base, byte[] frame) {
        DecodedRecord before = cache.decodedOf(key, base);
        if (before == null || !before.chain().appendable()) {
            return null; // the store took the frame: what is kept must never fail the request
        }
        DecodedRecord after = format.afterAppend(before, frame);
        return AttributeCopies.copyableBeside(before.record().attributes(), after.record().attributes()) ? after : null;
    }

    /**
     * Runs a write with the record cache on. The key is forgotten unless the write reports a new
     * version (a {@link RecordRevalidator} always does; a record written under an unknown version
     * is not kept), so that a lost race or a failure never leaves a stale record kept.
     */
    private WriteResult keptWrite(RecordWrite write) {
        WriteResult result;
        try {
            result = backend.write(write);
        } catch (RuntimeException e) {
            cache.forget(write.key());
            throw e;
        }
        if (result.newVersion().isEmpty()) {
            cache.forget(write.key());
        }
        return result;
    }

    void delete(String key) {
        stats.deletes.increment();
        if (cache != null) {
            cache.forget(key);
        }
        backend.delete(key);
    }

    /**
     * Deletes a record and takes it out of the principal index in one call
     * ({@link PrincipalIndex#deleteIndexed}) when {@code principalKey} is set and this manager
     * keeps the index; a plain {@link #delete} otherwise.
     */
    void deleteIndexed(String key, String principalKey) {
        if (principalKey == null || principalIndex == null) {
            delete(key);
            return;
        }
        stats.deletes.increment();
        if (cache != null) {
            cache.forget(key);
        }
        principalIndex.deleteIndexed(key, principalKey);
    }

    /** Deletes a stored session whose record held {@code extensions}: out of the index too when it was signed in. */
    void deleteSession(String key, RecordExtensions extensions) {
        deleteIndexed(key, extensions.principal().map(this::principalKeyOf).orElse(null));
    }

    /** Counts commits and, every SESSION_CLEANUP_N_REQUESTS of them, sweeps expired records in the background. */
    void afterCommit() {
        if (cleanupExecutor == null) {
            return;
        }
        if (commitsSinceCleanup.incrementAndGet() % cleanupEvery == 0) {
            cleanupExecutor.execute(() -> {
                try {
                    sweeper.sweepExpired(CLEANUP_BATCH);
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
