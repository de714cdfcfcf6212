package io.github.session4j;

import io.github.session4j.codec.DecodedRecord;
import io.github.session4j.codec.DeltaChain;
import io.github.session4j.codec.SessionRecord;
import io.github.session4j.codec.UnreadableRecordException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private Session session;

    // What the load found; meaningful once the session is loaded.
    private String loadedId;
    private String loadedKey;
    private long loadedVersion;
    private RecordBytes loadedBytes;
    private boolean needsRewrite;
    private DeltaChain loadedChain;
    private Instant loadedExpiresAt;

    private String newId;
    private boolean committed;

    SessionContext(SessionRuntime runtime, String presentedId) {
        this.runtime = runtime;
        this.presentedId = presentedId;
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
        // Asking the session first loads it, which is what sets loadedId.
        boolean replacedThisRequest = current.isInvalidated() || current.isRegenerateRequested();
        return loadedId != null && !replacedThisRequest ? loadedId : newIdForCommit();
    }

    /**
     * Saves what this request changed and says which headers the response needs, following the
     * commit rules: nothing for an untouched session; nothing and no cookie for a new empty one;
     * delete and an expired cookie for an invalidated one; a conditional save for a modified one
     * (reloading and re-applying this request's changes when another request saved first); at most
     * an expiry refresh, already done at load time, for a session that was only read.
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
            return new CommitResult(List.of());
        }
        List<ResponseHeader> headers = new ArrayList<>();
        headers.add(new ResponseHeader("Vary", "Cookie"));
        new SessionCommit(runtime, this, session, headers).run();
        runtime.afterCommit();
        return new CommitResult(headers);
    }

    /** Connects the session to this context without making the binding methods public. */
    private final class Binding implements SessionBinding {
        @Override
        public LoadedSession load() {
            return loadFromStore();
        }

        @Override
        public void checkValue(String key, Object value) {
            runtime.format().checkValue(key, value);
        }
    }

    private LoadedSession loadFromStore() {
        Instant now = runtime.clock().instant();
        if (presentedId == null) {
            return fresh(now);
        }
        String key = runtime.ids().storeKey(presentedId);
        Optional<ReadRecord> found = runtime.read(key);
        if (found.isEmpty() || found.get().bytes().length() == 0) {
            return fresh(now);
        }
        ReadRecord stored = found.get();
        SessionRuntime.RequestRecord loaded;
        try {
            loaded = runtime.decodeForRequest(key, stored);
        } catch (UnreadableRecordException e) {
            runtime.stats().unreadableRecords.increment();
            LOG.log(Level.WARNING, "Session record under store key {0} is unreadable ({1}); treating it as no session and deleting it",
                    key, e.getMessage());
            runtime.delete(key);
            return fresh(now);
        }
        DecodedRecord decoded = loaded.decoded();
        SessionRecord record = decoded.record();
        Duration ttl = runtime.ttlFor(record.createdAt(), now);
        if (ttl.isZero() || ttl.isNegative()) {
            runtime.stats().expiredRecords.increment();
            runtime.delete(key);
            return fresh(now);
        }
        loadedId = presentedId;
        loadedKey = key;
        loadedVersion = stored.version();
        loadedBytes = stored.bytes();
        needsRewrite = decoded.needsRewrite();
        loadedChain = decoded.chain();
        loadedExpiresAt = stored.expiresAt();
        return new LoadedSession(record.attributes(), false, record.permanent(), record.createdAt(), loaded.sharesValues());
    }

    private LoadedSession fresh(Instant now) {
        return new LoadedSession(Map.of(), true, runtime.settings().permanent(), now);
    }

    // Accessors for SessionCommit, which carries out the commit rules.

    String loadedId() {
        return loadedId;
    }

    String loadedKey() {
        return loadedKey;
    }

    long loadedVersion() {
        return loadedVersion;
    }

    /** The stored record's bytes as loaded (shared, never to be changed). */
    RecordBytes loadedBytes() {
        return loadedBytes;
    }

    boolean needsRewrite() {
        return needsRewrite;
    }

    /** Where the loaded record stands for delta frames. */
    DeltaChain loadedChain() {
        return loadedChain;
    }

    /** The store's expiry as the load reported it, or null where the store does not say. */
    Instant loadedExpiresAt() {
        return loadedExpiresAt;
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
