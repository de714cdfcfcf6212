package io.github.session4j;

import io.github.session4j.codec.DecodedRecord;
import io.github.session4j.codec.DeltaChain;
import io.github.session4j.codec.SessionRecord;
import io.github.session4j.codec.UnreadableRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Carries out the commit rules of DESIGN.md §4 for one loaded session: what to write, what to
 * delete, and which headers the response gets. Conflicting saves are retried on fresh data with
 * this request's changes re-applied; a session deleted meanwhile stays deleted.
 */
final class SessionCommit {

    /** Conflicting saves of one request are retried at most this often before giving up. */
    static final int MAX_ATTEMPTS = 64;

    /**
     * The old key of a regenerated session holds an empty record this long, so that a slower
     * request cannot save into it; an empty record reads as "no session".
     */
    static final Duration TOMBSTONE_TTL = Duration.ofMinutes(1);

    private static final byte[] TOMBSTONE = new byte[0];

    private final SessionRuntime runtime;
    private final SessionContext context;
    private final Session session;
    private final List<ResponseHeader> headers;
    private final Instant now;
    private boolean cacheControlAdded;

    SessionCommit(SessionRuntime runtime, SessionContext context, Session session, List<ResponseHeader> headers) {
        this.runtime = runtime;
        this.context = context;
        this.session = session;
        this.headers = headers;
        this.now = runtime.clock().instant();
    }

    void run() {
        boolean fromStore = context.loadedKey() != null;
        if (session.isInvalidated()) {
            commitInvalidated(fromStore);
        } else if (!fromStore) {
            commitNew(session.loadedState().createdAt());
        } else if (session.isRegenerateRequested()) {
            commitRegenerated();
        } else if (session.isModified() || context.needsRewrite()) {
            commitModified();
        } else {
            commitRead();
        }
    }

    /**
     * A session that was only read: its expiry is refreshed here rather than at load time, so
     * that a request which goes on to modify the session pays for one save and no extra touch.
     */
    private void commitRead() {
        Duration ttl = runtime.ttlFor(session.loadedState().createdAt(), now);
        if (ttl.isZero() || ttl.isNegative()) {
            runtime.delete(context.loadedKey());
            deletionCookie();
            return;
        }
        runtime.refreshAfterRead(context.loadedKey(), context.loadedExpiresAt(), ttl, now);
        if (session.isPermanent() && runtime.settings().refreshEachRequest()) {
            sessionCookie(context.loadedId(), ttl);
        }
    }

    private void commitInvalidated(boolean fromStore) {
        if (fromStore) {
            runtime.delete(context.loadedKey());
        }
        if (!session.isEmpty()) {
            commitNew(now);
        } else if (fromStore) {
            deletionCookie();
        }
    }

    private void commitNew(Instant createdAt) {
        Map<String, Object> attributes = session.attributes();
        if (attributes.isEmpty()) {
            return;
        }
        Duration ttl = runtime.ttlFor(createdAt, now);
        SessionRecord record = new SessionRecord(createdAt, session.isPermanent(), attributes);
        String id = context.newIdForCommit();
        for (int attempt = 1; !runtime.create(runtime.ids().storeKey(id), encode(id, record), ttl); attempt++) {
            if (attempt == 3) {
                throw new SessionBackendException("The store reported three freshly generated random session IDs as taken; "
                        + "it is not honouring create-if-absent. Check the backend.");
            }
            id = context.replaceNewId();
        }
        sessionCookie(id, ttl);
    }

    private void commitModified() {
        String key = context.loadedKey();
        Basis basis = initialBasis();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Duration ttl = runtime.ttlFor(basis.record().createdAt(), now);
            if (ttl.isZero() || ttl.isNegative()) {
                runtime.delete(key);
                deletionCookie();
                return;
            }
            if (save(key, basis, ttl)) {
                sessionCookie(context.loadedId(), ttl);
                return;
            }
            Optional<Basis> fresh = rebase(key, attempt);
            if (fresh.isEmpty()) {
                deletionCookie();
                return;
            }
            basis = fresh.get();
        }
        throw conflictsExhausted();
    }

    private void commitRegenerated() {
        String oldKey = context.loadedKey();
        Basis basis = initialBasis();
        String id = context.newIdForCommit();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Duration ttl = runtime.ttlFor(basis.record().createdAt(), now);
            if (ttl.isZero() || ttl.isNegative()) {
                runtime.delete(oldKey);
                deletionCookie();
                return;
            }
            String newKey = runtime.ids().storeKey(id);
            // The new record is written before the old one is claimed, so a crash in between
            // leaves the old session usable rather than losing it.
            if (!runtime.create(newKey, encode(id, basis.record()), ttl)) {
                id = context.replaceNewId();
                continue;
            }
            if (runtime.replace(oldKey, TOMBSTONE, basis.version(), TOMBSTONE_TTL)) {
                sessionCookie(id, ttl);
                return;
            }
            runtime.delete(newKey);
            Optional<Basis> fresh = rebase(oldKey, attempt);
            if (fresh.isEmpty()) {
                deletionCookie();
                return;
            }
            basis = fresh.get();
        }
        throw conflictsExhausted();
    }

    /**
     * One conditional save of a modified session: a delta frame appended after the stored record
     * when the backend can append and the format finds the change small beside the record, else
     * the whole record.
     */
    private boolean save(String key, Basis basis, Duration ttl) {
        Optional<byte[]> frame = runtime.canAppend() && !session.isPermanentChanged()
                ? delta(key, basis) : Optional.empty();
        return frame.isPresent()
                ? runtime.append(key, basis.stored(), frame.get(), basis.version(), ttl)
                : runtime.replace(key, runtime.format().write(key, basis.record()), basis.version(), ttl);
    }

    /**
     * This request's changes as a delta frame: every key it touched, with its value in the
     * record to save, or as removed. The save is conditional on the basis' version, so the frame
     * applied to that stored record gives exactly the record to save.
     */
    private Optional<byte[]> delta(String key, Basis basis) {
        Map<String, Object> attributes = basis.record().attributes();
        Map<String, Object> puts = new LinkedHashMap<>();
        Set<String> removals = new LinkedHashSet<>();
        for (SessionChange change : session.changes()) {
            if (attributes.containsKey(change.key())) {
                puts.put(change.key(), attributes.get(change.key()));
            } else {
                removals.add(change.key());
            }
        }
        if (puts.isEmpty() && removals.isEmpty()) {
            return Optional.empty();
        }
        return runtime.format().writeDelta(key, basis.chain(), puts, removals);
    }

    /**
     * What the next conditional save writes, the version it is conditional on, and the stored
     * record's bytes and chain.
     */
    private record Basis(long version, SessionRecord record, RecordBytes stored, DeltaChain chain) {
    }

    private Basis initialBasis() {
        return new Basis(context.loadedVersion(),
                new SessionRecord(session.loadedState().createdAt(), session.isPermanent(), session.attributes()),
                context.loadedBytes(), context.loadedChain());
    }

    /**
     * After a lost race: the stored record as it is now, with this request's changes re-applied
     * key by key. Empty means the session is gone and must stay gone.
     */
    private Optional<Basis> rebase(String key, int attempt) {
        return reloadAfterConflict(key, attempt).map(fresh -> {
            SessionRecord stored = fresh.record();
            boolean permanent = session.isPermanentChanged() ? session.isPermanent() : stored.permanent();
            return new Basis(fresh.version(),
                    new SessionRecord(stored.createdAt(), permanent, session.replayOnto(stored.attributes())),
                    fresh.stored(), fresh.chain());
        });
    }

    /** A record re-read after a lost race, with the version to make the next save conditional on. */
    private record DecodedFresh(SessionRecord record, long version, RecordBytes stored, DeltaChain chain) {
    }

    /**
     * Re-reads a record after a lost race. Empty means the session is gone (deleted, invalidated,
     * regenerated by another request, expired or unreadable) and must stay gone.
     */
    private Optional<DecodedFresh> reloadAfterConflict(String key, int attempt) {
        runtime.stats().conflicts.increment();
        backOff(attempt);
        Optional<ReadRecord> stored = runtime.reload(key);
        if (stored.isEmpty() || stored.get().bytes().length() == 0) {
            return Optional.empty();
        }
        try {
            DecodedRecord decoded = runtime.decode(key, stored.get());
            return Optional.of(new DecodedFresh(decoded.record(), stored.get().version(), stored.get().bytes(),
                    decoded.chain()));
        } catch (UnreadableRecordException e) {
            runtime.stats().unreadableRecords.increment();
            runtime.delete(key);
            return Optional.empty();
        }
    }

    /** Spreads out requests that keep colliding on one session; the first retry goes at once. */
    private static void backOff(int attempt) {
        if (attempt < 2) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, Math.min(attempt, 20) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionBackendException("Interrupted while retrying a conflicting session save; nothing was saved");
        }
    }

    private SessionBackendException conflictsExhausted() {
        return new SessionBackendException("Gave up saving the session after " + MAX_ATTEMPTS
                + " conflicts with concurrent requests on the same session; nothing of this request was saved. "
                + "Retry the request; if this persists, fewer parallel requests should modify one session.");
    }

    private byte[] encode(String id, SessionRecord record) {
        return runtime.format().write(runtime.ids().storeKey(id), record);
    }

    private void sessionCookie(String id, Duration ttl) {
        Duration maxAge = session.isPermanent() ? ttl : null;
        headers.add(new ResponseHeader("Set-Cookie", runtime.cookies().sessionCookie(id, maxAge, now)));
        runtime.settings().idHeader().ifPresent(name -> headers.add(new ResponseHeader(name, id)));
        cacheControl();
    }

    private void deletionCookie() {
        headers.add(new ResponseHeader("Set-Cookie", runtime.cookies().deletionCookie()));
        cacheControl();
    }

    private void cacheControl() {
        if (!cacheControlAdded) {
            headers.add(new ResponseHeader("Cache-Control", "private"));
            cacheControlAdded = true;
        }
    }
}
