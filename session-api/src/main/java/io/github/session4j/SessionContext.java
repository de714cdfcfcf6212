package io.github.session4j;

import io.github.session4j.codec.RecordExtensions;
import io.github.session4j.codec.UnreadableRecordException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The session of one request: loads it lazily on first use and commits it at the end.
 *
 * <p>Obtained from {@link SessionManager#begin}; used by one thread, for one request. An adapter
 * calls {@link #commit()} once, before the response is committed, and adds the returned headers.
 */
public final class SessionContext {

    private static final System.Logger LOG = System.getLogger(SessionContext.class.getName());

    private final SessionRuntime runtime;
    private final String presentedId;
    private final boolean crossSite;
    private Session session;

    private String newId;
    private boolean committed;
    private boolean migrated;

    SessionContext(SessionRuntime runtime, String presentedId, boolean crossSite) {
        this.runtime = runtime;
        this.presentedId = presentedId;
        this.crossSite = crossSite;
    }

    /**
     * Whether this is an unsafe request from another site, whose commit creates no session and
     * sends no {@code Set-Cookie} (see {@link SessionManager#begin(String, String, RequestHeaders)}).
     *
     * @return whether the request is cross-site
     */
    public boolean isCrossSite() {
        return crossSite;
    }

    /**
     * The session of this request. Nothing is read from the store until the session is first used.
     *
     * @return the session, the same instance on every call
     */
    public Session session() {
        if (session == null) {
            session = new Session(new Binding());
        }
        return session;
    }

    /**
     * The ID the session has now: the stored session's ID, or for a new, invalidated or
     * regenerated session the ID it will be saved under. Loads the session if needed. Never log it.
     *
     * @return the session ID
     * @throws SessionBackendException if loading the session failed
     */
    public String sessionId() {
        Session current = session();
        // Asking the session first loads it, which is what sets its load state.
        boolean replacedThisRequest = current.isInvalidated() || current.isRegenerateRequested();
        String loadedId = current.loadedState().id();
        return loadedId != null && !replacedThisRequest ? loadedId : newIdForCommit();
    }

    /**
     * Saves what this request changed and says which headers the response needs, following the
     * commit rules: nothing for an untouched session; nothing and no cookie for a new empty one;
     * delete and an expired cookie for an invalidated one; a conditional save for a modified one
     * (reloading and re-applying this request's changes when another request saved first); at most
     * an expiry refresh, sent only when one is due, for a session that was only read. What to write
     * and send is decided before the store is called.
     *
     * @return the headers to add to the response
     * @throws IllegalStateException if called twice
     * @throws SessionBackendException if the store failed; the response should then be a 503
     *     without these headers
     * @throws SessionEncodingException if the session holds a value that cannot be stored or is
     *     too large; nothing was written
     */
    public CommitResult commit() {
        if (committed) {
            throw new IllegalStateException("this request's session was already committed");
        }
        committed = true;
        if (session == null || !session.isLoaded()) {
            return new CommitResult(CommitPlanner.untouched().headers());
        }
        List<ResponseHeader> headers;
        SessionObserver.Phase phase = runtime.observers().commitStarted();
        try {
            headers = new CommitExecutor(runtime, this, session).run();
        } catch (RuntimeException e) {
            phase.failed(e);
            throw e;
        } finally {
            phase.close();
        }
        runtime.afterCommit();
        return new CommitResult(headers);
    }

    // ---- signed-in sessions (DESIGN.md §9) ----

    /**
     * Signs {@code principal} in to this session: regenerates the session ID (anti-fixation),
     * records the principal and the sign-in time in the record, clears the session's data when it
     * belonged to another principal (an anonymous session's data, such as a cart, is kept), and
     * indexes the session under the principal where the backend keeps the index. Signing in again
     * as the same principal regenerates the ID and restarts the absolute lifetime.
     *
     * @param principal the user's name: not empty, no control characters, at most
     *     {@value io.github.session4j.codec.RecordExtensions#MAX_PRINCIPAL_BYTES} bytes in UTF-8
     * @throws IllegalArgumentException if the principal is not acceptable (the message says why,
     *     without the principal)
     * <p>What the store sees happens at {@link #commit()}: the session is created under its new
     * ID with the index change riding on that create, and the old ID's record is replaced by a
     * tombstone that takes the old key out of the index (signing in again as the same principal:
     * that hands the old key's place in the index over to the new key,
     * {@link io.github.session4j.spi.IndexChange#handingOverTo}); one round trip more than
     * {@link Session#regenerate()} at most, and none more where the backend folds the index
     * change into the write, except a sign-in as another principal on a Redis Cluster (two
     * entries in two slots: two more). A session that stays empty is still saved, as the
     * principal is part of it.
     *
     * @throws NullPointerException if {@code principal} is null
     * @throws IllegalStateException with {@code SESSION_RECORD_FORMAT=flask-session}, whose records
     *     have no place for the principal
     */
    public void signIn(String principal) {
        Principals.check(principal);
        if (runtime.settings().flaskRecords()) {
            throw new IllegalStateException("signIn needs session4j records, which keep the principal beside the data; "
                    + "with SESSION_RECORD_FORMAT=flask-session store the user in the session's data instead");
        }
        session().signIn(principal, runtime.clock().instant());
    }

    /**
     * Signs the user out: ends this session (as {@link Session#invalidate()}) and takes it out of
     * the principal index. A session that nobody signed in to is just invalidated.
     *
     * @throws SessionBackendException if loading the session failed
     */
    public void signOut() {
        // the commit deletes a signed-in session with PrincipalIndex.deleteIndexed (CommitPlanner)
        session().invalidate();
    }

    /**
     * Who is signed in to this session.
     *
     * @return the principal, or empty for an anonymous session
     * @throws SessionBackendException if loading the session failed
     */
    public Optional<String> principal() {
        return Optional.ofNullable(session().principal());
    }

    /**
     * When the user signed in to this session.
     *
     * @return the sign-in time, or empty for an anonymous session
     * @throws SessionBackendException if loading the session failed
     */
    public Optional<Instant> signedInAt() {
        return Optional.ofNullable(session().signedInAt());
    }

    /**
     * Whether the sign-in is older than {@code SESSION_REAUTHENTICATE_AFTER}, so that the
     * application should ask for the password again before a sensitive action (ASVS V7.5.1).
     *
     * @return {@code true} for a signed-in session whose sign-in is older than the setting; always
     *     {@code false} when the setting is unset or nobody is signed in
     * @throws SessionBackendException if loading the session failed
     */
    public boolean requiresReauthentication() {
        Optional<Duration> after = runtime.settings().reauthenticateAfter();
        Instant at = session().signedInAt();
        return after.isPresent() && at != null && at.plus(after.get()).isBefore(runtime.clock().instant());
    }

    /**
     * Gives the session a label that {@link SessionInfo#label()} shows, such as a device name
     * made from the User-Agent; saved with the session.
     *
     * <p>A label that differs from the stored one marks the session modified (it is saved at
     * commit as a whole record); a new session that stays empty is still not stored.
     *
     * @param label the label, at most {@value io.github.session4j.codec.RecordExtensions#MAX_LABEL_LENGTH}
     *     characters, or null to remove it
     * @throws IllegalArgumentException if the label is empty, longer, or holds an unpaired surrogate
     * @throws SessionBackendException if loading the session failed
     */
    public void setLabel(String label) {
        if (label != null) {
            RecordExtensions.none().withLabel(label); // checks it
        }
        session().setLabel(label);
    }

    /**
     * The session's label ({@link #setLabel}).
     *
     * @return the label, or empty
     * @throws SessionBackendException if loading the session failed
     */
    public Optional<String> label() {
        return Optional.ofNullable(session().label());
    }

    /**
     * This session's handle, as {@link SessionManager#sessionsOf} lists it, so that a page can
     * mark "this device".
     *
     * <p>A sign-in in this request gives the session the handle of its new ID at once, so a page
     * rendered before the commit can mark "this device". The handle changes with the ID
     * ({@link Session#regenerate()}, a new sign-in).
     *
     * @return the handle, or empty for a session that is not stored yet and not being signed in
     * @throws SessionBackendException if loading the session failed
     */
    public Optional<String> handle() {
        Session current = session();
        boolean stored = !current.isNew() || current.pendingSignIn() != null;
        return stored ? Optional.of(runtime.principals().handleOf(runtime.ids().storeKey(sessionId()))) : Optional.empty();
    }

    /**
     * The store keys this request's session has or will have at commit: the key it was loaded
     * under and the key of its ID now, for {@link SessionManager#endOtherSessions}.
     */
    Set<String> ownStoreKeys() {
        Set<String> keys = new HashSet<>();
        keys.add(runtime.ids().storeKey(sessionId())); // loads the session
        String loadedKey = session().loadedState().key();
        if (loadedKey != null) {
            keys.add(loadedKey);
        }
        return keys;
    }

    /** The manager this context belongs to, so that a context of another manager is refused. */
    boolean belongsTo(SessionRuntime other) {
        return runtime == other;
    }

    /** Connects the session to this context without making the binding methods public. */
    private final class Binding implements SessionBinding {
        @Override
        public LoadState load() {
            SessionObserver.Phase phase = runtime.observers().loadStarted();
            try {
                return loadFromStore();
            } catch (RuntimeException e) {
                phase.failed(e);
                throw e;
            } finally {
                phase.close();
            }
        }

        @Override
        public void checkValue(String key, Object value) {
            runtime.format().checkValue(key, value);
        }

        @Override
        public Duration defaultIdleTimeout() {
            return runtime.settings().permanentLifetime();
        }
    }

    private LoadState loadFromStore() {
        Instant now = runtime.clock().instant();
        if (presentedId == null) {
            return fresh(now);
        }
        String key = runtime.ids().storeKey(presentedId);
        Optional<FetchedRecord> found = runtime.fetch(key);
        if (found.isEmpty() && runtime.migration() != null) {
            found = runtime.migration().fetch(key); // SESSION_MIGRATE_FROM: the commit writes it here
            migrated = found.isPresent();
        }
        if (found.isEmpty()) {
            return fresh(now);
        }
        if (found.get().isTombstone()) {
            if (runtime.touchesInFetch() && !migrated) {
                // The load just gave the old key of a regenerated session the full lifetime: a
                // replayed old cookie must not keep the tombstone alive longer than it was meant to.
                runtime.touch(key, CommitPlanner.TOMBSTONE_TTL);
            }
            return fresh(now);
        }
        LoadState loaded;
        try {
            loaded = runtime.decode(presentedId, key, found.get());
        } catch (UnreadableRecordException e) {
            runtime.unreadable(e);
            if (runtime.settings().flaskRecords()) {
                // the record may be the Flask app's (a pickle of an older Flask-Session): never touched
                LOG.log(Level.WARNING, "Session record under store key {0} is unreadable ({1}); treating it as no session",
                        key.substring(0, runtime.settings().keyPrefix().length()) + "…", e.getMessage());
                return fresh(now);
            }
            LOG.log(Level.WARNING, "Session record under store key {0} is unreadable ({1}); treating it as no session and deleting it",
                    key, e.getMessage());
            runtime.delete(key);
            return fresh(now);
        }
        ExpiryRules expiry = runtime.expiry();
        Instant lifetimeStart = ExpiryRules.lifetimeStart(loaded.createdAt(), loaded.extensions());
        if (expiry.timeLeft(lifetimeStart, expiry.idleTimeoutOf(loaded.extensions()), now).isEmpty()) {
            runtime.stats().expiredRecords.increment();
            runtime.deleteSession(key, loaded.extensions());
            return fresh(now);
        }
        return loaded;
    }

    private LoadState fresh(Instant now) {
        return LoadState.fresh(now, runtime.settings().permanent());
    }

    /**
     * Whether the session was read from the old backend of a live migration, so that the commit
     * writes it to the new one ({@link MigratedCommit}).
     */
    boolean loadedFromOldBackend() {
        return migrated;
    }

    /** The ID for a new, invalidated-and-refilled or regenerated session, made once. */
    String newIdForCommit() {
        if (newId == null) {
            newId = runtime.ids().newId();
        }
        return newId;
    }

    /** Called when the generated ID collided with a live record: astronomically rare, but handled. */
    String replaceNewId() {
        newId = runtime.ids().newId();
        return newId;
    }
}
