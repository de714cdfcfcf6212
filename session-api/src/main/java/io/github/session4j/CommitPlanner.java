package io.github.session4j;

import io.github.session4j.CommitPlan.Kind;
import io.github.session4j.codec.RecordExtensions;
import io.github.session4j.codec.RecordFormat;
import io.github.session4j.codec.SessionRecord;
import io.github.session4j.spi.IndexChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The commit rules of DESIGN.md §4, with no I/O: given what the load found, what the request did
 * to its session, the settings and the time, what to write, delete and send ({@link CommitPlan}).
 * Records and delta frames are encoded here, so a value that cannot be stored fails the commit
 * before the store is called. {@link CommitExecutor} carries plans out.
 */
final class CommitPlanner {

    /**
     * The old key of a regenerated session holds an empty record this long, so that a slower
     * request cannot save into it; an empty record reads as "no session".
     */
    static final Duration TOMBSTONE_TTL = Duration.ofMinutes(1);

    private final CoreSettings settings;
    /** {@code Vary: Cookie}, or with {@code SESSION_ID_HEADER} {@code Vary: Cookie, X-Session-Id}. */
    private final ResponseHeader vary;
    /** {@code private}, or with {@code SESSION_NO_STORE} (the default) {@code private, no-store}. */
    private final ResponseHeader cacheControl;
    /** What a response without a session cookie carries: Vary, and Cache-Control with SESSION_NO_STORE. */
    private final List<ResponseHeader> withoutCookie;
    private final ExpiryRules expiry;
    private final RecordFormat format;
    private final SessionIds ids;
    private final Cookies cookies;
    private final FlaskCookies flaskCookies;
    /** The principal key of a principal, or null when this manager keeps no principal index. */
    private final Function<String, String> principalKeys;

    CommitPlanner(CoreSettings settings, ExpiryRules expiry, RecordFormat format, SessionIds ids, Cookies cookies) {
        this(settings, expiry, format, ids, cookies, principal -> null);
    }

    /**
     * @param principalKeys the principal key of a principal, or null for none when the manager keeps
     *     no principal index: the writes then carry {@link IndexChange#none()}
     */
    CommitPlanner(CoreSettings settings, ExpiryRules expiry, RecordFormat format, SessionIds ids, Cookies cookies,
            Function<String, String> principalKeys) {
        this.principalKeys = principalKeys;
        this.settings = settings;
        this.flaskCookies = new FlaskCookies(settings);
        this.expiry = expiry;
        this.format = format;
        this.ids = ids;
        this.cookies = cookies;
        this.vary = new ResponseHeader("Vary", settings.idHeader().map(name -> "Cookie, " + name).orElse("Cookie"));
        this.cacheControl = new ResponseHeader("Cache-Control", settings.noStore() ? "private, no-store" : "private");
        this.withoutCookie = settings.noStore() ? List.of(vary, cacheControl) : List.of(vary);
    }

    /**
     * What this request did to its session, as the planner needs it.
     *
     * @param invalidated whether {@link Session#invalidate()} was called
     * @param regenerated whether {@link Session#regenerate()} was called
     * @param modified whether the session changed ({@link Session#isModified()})
     * @param permanent whether the session is permanent now
     * @param permanentChanged whether this request changed the permanence
     * @param attributes the content to save: the session's now, or after a lost race the fresh
     *     content with this request's changes re-applied
     * @param changes this request's mutations, in order
     * @param idleTimeout the session's own idle timeout now, or null for {@code PERMANENT_SESSION_LIFETIME}
     * @param idleTimeoutChanged whether this request set, changed or reset it (invalidating resets it)
     * @param signIn the sign-in this request asked for, or null
     * @param label the session's label now, or null
     * @param labelChanged whether this request changed the label
     */
    record Changes(boolean invalidated, boolean regenerated, boolean modified, boolean permanent,
            boolean permanentChanged, Map<String, Object> attributes, List<SessionChange> changes,
            Duration idleTimeout, boolean idleTimeoutChanged, Session.SignIn signIn, String label, boolean labelChanged) {

        Changes {
            Objects.requireNonNull(attributes, "attributes");
            Objects.requireNonNull(changes, "changes");
        }

        /** Changes without a sign-in or a label. */
        Changes(boolean invalidated, boolean regenerated, boolean modified, boolean permanent,
                boolean permanentChanged, Map<String, Object> attributes, List<SessionChange> changes,
                Duration idleTimeout, boolean idleTimeoutChanged) {
            this(invalidated, regenerated, modified, permanent, permanentChanged, attributes, changes, idleTimeout,
                    idleTimeoutChanged, null, null, false);
        }

        /** Changes that leave the idle timeout alone. */
        Changes(boolean invalidated, boolean regenerated, boolean modified, boolean permanent,
                boolean permanentChanged, Map<String, Object> attributes, List<SessionChange> changes) {
            this(invalidated, regenerated, modified, permanent, permanentChanged, attributes, changes, null, false);
        }

        /** What a loaded session holds now, as views of it (read during the commit only, never copied). */
        static Changes of(Session session) {
            return new Changes(session.isInvalidated(), session.isRegenerateRequested(), session.isModified(),
                    session.isPermanent(), session.isPermanentChanged(), session.contentForCommit(), session.changesForCommit(),
                    session.ownIdleTimeout(), session.isIdleTimeoutChanged(), session.pendingSignIn(), session.label(),
                    session.isLabelChanged());
        }

        /** The same changes, to be saved as {@code replayed} (fresh content with them re-applied). */
        Changes withAttributes(Map<String, Object> replayed) {
            return new Changes(invalidated, regenerated, modified, permanent, permanentChanged, replayed, changes,
                    idleTimeout, idleTimeoutChanged, signIn, label, labelChanged);
        }
    }

    /** The plan of a request that never used its session: nothing at all. */
    static CommitPlan untouched() {
        return new CommitPlan(Kind.UNTOUCHED, List.of(), List.of());
    }

    /**
     * Plans a commit.
     *
     * @param basis what the load found, or after a lost race what the reload found
     * @param changes what the request did
     * @param newId the ID for a session saved under a new one; asked only when one is needed
     * @param canAppend whether the backend may take a delta frame ({@link SessionRuntime#canAppend()})
     * @param now the commit's time
     * @return the plan
     * @throws SessionEncodingException if the session holds a value that cannot be stored or is too large
     */
    CommitPlan plan(LoadState basis, Changes changes, Supplier<String> newId, boolean canAppend, Instant now) {
        if (changes.invalidated()) {
            return invalidated(basis, changes, newId, now);
        }
        if (basis.isNew()) {
            return created(Kind.NEW, List.of(), basis.createdAt(), changes, newId, now);
        }
        RecordExtensions extensions = extensionsToSave(basis, changes);
        Duration idleTimeout = expiry.idleTimeoutOf(extensions);
        Optional<Duration> timeLeft = expiry.timeLeft(ExpiryRules.lifetimeStart(basis.createdAt(), extensions), idleTimeout, now);
        if (timeLeft.isEmpty()) {
            return new CommitPlan(Kind.EXPIRED, List.of(deletion(basis)), deletionCookie());
        }
        Duration ttl = timeLeft.get();
        if (changes.regenerated()) {
            String id = newId.get();
            String newKey = ids.storeKey(id);
            // The new record is written before the old one is claimed, so a crash in between
            // leaves the old session usable rather than losing it.
            // The index moves with the key: the new key is added under the principal it is saved
            // with, the old one taken out of the entry of the principal it was saved with.
            // Under the same principal, the tombstone hands the old key's place in the entry over
            // to the new key, and the create's add may be left to it (IndexChange#handingOverTo):
            // until the tombstone wins, the old key stays indexed.
            String oldPk = principalKeyOf(basis.extensions());
            String newPk = principalKeyOf(extensions);
            boolean handOver = oldPk != null && oldPk.equals(newPk);
            IndexChange add = handOver ? IndexChange.add(newPk).deferrable() : indexAdd(extensions);
            IndexChange remove = oldPk == null ? IndexChange.none()
                    : handOver ? IndexChange.remove(oldPk).handingOverTo(newKey) : IndexChange.remove(oldPk);
            return new CommitPlan(Kind.REGENERATED, List.of(
                    new CommitPlan.Create(newKey, format.write(newKey, toSave(basis, changes, extensions)), ttl, add),
                    new CommitPlan.Tombstone(basis.key(), basis.version(), TOMBSTONE_TTL, remove)),
                    sessionCookie(id, changes.permanent(), ttl, now));
        }
        if (changes.modified() || basis.needsRewrite()) {
            return new CommitPlan(Kind.MODIFIED, List.of(save(basis, changes, extensions, canAppend, ttl)),
                    sessionCookie(basis.id(), changes.permanent(), ttl, now));
        }
        // Only read: the expiry is refreshed here rather than at load time, so that a request
        // which goes on to modify the session pays for one save and no extra touch.
        List<CommitPlan.Step> steps = expiry.refreshDue(basis.storeExpiry(), ttl, idleTimeout, now)
                ? List.of(new CommitPlan.Touch(basis.key(), ttl)) : List.of();
        List<ResponseHeader> headers = changes.permanent() && settings.refreshEachRequest()
                ? sessionCookie(basis.id(), true, ttl, now) : withoutCookie;
        return new CommitPlan(Kind.READ, steps, headers);
    }

    /**
     * A plan for an unsafe cross-site request ({@link SessionContext#isCrossSite()}): nothing is
     * created under a new ID (a new session, an invalidated one refilled, a regenerated one, whose
     * old key then keeps its record too), and no {@code Set-Cookie} or ID header is sent, so the
     * browser's cookie stays what it was. Saves, deletions and refreshes of the presented session stay.
     *
     * @param plan the plan as any other request would carry it out
     * @param dropped told when something created in memory is dropped
     * @return the plan to carry out
     */
    CommitPlan crossSite(CommitPlan plan, Runnable dropped) {
        boolean creates = plan.steps().stream().anyMatch(step -> step instanceof CommitPlan.Create);
        List<CommitPlan.Step> steps = creates
                ? plan.steps().stream().filter(step -> !(step instanceof CommitPlan.Create || step instanceof CommitPlan.Tombstone)).toList()
                : plan.steps();
        if (creates) {
            dropped.run();
        }
        return new CommitPlan(plan.kind(), steps, withoutCookie);
    }

    /** The headers once a stored session turned out deleted by another request: it stays gone. */
    CommitPlan gone() {
        return new CommitPlan(Kind.GONE, List.of(), deletionCookie());
    }

    private CommitPlan invalidated(LoadState basis, Changes changes, Supplier<String> newId, Instant now) {
        List<CommitPlan.Step> deletion = basis.isNew() ? List.of() : List.of(deletion(basis));
        if (!changes.attributes().isEmpty() || changes.signIn() != null) {
            return created(Kind.INVALIDATED, deletion, now, changes, newId, now);
        }
        return new CommitPlan(Kind.INVALIDATED, deletion, basis.isNew() ? withoutCookie : deletionCookie());
    }

    /** A new session under a new ID, after {@code before}; nothing when it is empty. */
    private CommitPlan created(Kind kind, List<CommitPlan.Step> before, Instant createdAt, Changes changes,
            Supplier<String> newId, Instant now) {
        if (changes.attributes().isEmpty() && changes.signIn() == null) {
            return new CommitPlan(Kind.NEW_EMPTY, before, withoutCookie);
        }
        // a session started afresh keeps nothing of an old record's extensions but what this request set:
        // its own idle timeout, its sign-in, its label
        Session.SignIn signIn = changes.signIn();
        RecordExtensions extensions = RecordExtensions.of(signIn == null ? null : signIn.principal(),
                signIn == null ? null : signIn.at(), changes.idleTimeout(), changes.label());
        Duration ttl = expiry.ttlFor(ExpiryRules.lifetimeStart(createdAt, extensions), expiry.idleTimeoutOf(extensions), now);
        String id = newId.get();
        String key = ids.storeKey(id);
        List<CommitPlan.Step> steps = new ArrayList<>(before);
        steps.add(new CommitPlan.Create(key,
                format.write(key, new SessionRecord(createdAt, changes.permanent(), changes.attributes(), extensions)), ttl,
                indexAdd(extensions)));
        return new CommitPlan(kind, steps, sessionCookie(id, changes.permanent(), ttl, now));
    }

    /**
     * The extension values a stored session is saved with: the basis' (after a lost race, the
     * fresh record's), with what this request changed: its idle timeout when it set, changed or
     * reset one, its sign-in (which restarts the absolute lifetime), its label.
     */
    private static RecordExtensions extensionsToSave(LoadState basis, Changes changes) {
        RecordExtensions stored = basis.extensions();
        Duration idleTimeout = changes.idleTimeoutChanged() ? changes.idleTimeout() : stored.idleTimeout().orElse(null);
        Session.SignIn signIn = changes.signIn();
        String principal = signIn != null ? signIn.principal() : stored.principal().orElse(null);
        Instant signedInAt = signIn != null ? signIn.at() : stored.signedInAt().orElse(null);
        String label = changes.labelChanged() ? changes.label() : stored.label().orElse(null);
        RecordExtensions saved = RecordExtensions.of(principal, signedInAt, idleTimeout, label);
        return saved.equals(stored) ? stored : saved;
    }

    /** The principal key a session saved with {@code extensions} is indexed under, or null for none. */
    private String principalKeyOf(RecordExtensions extensions) {
        return extensions.principal().map(principalKeys).orElse(null);
    }

    /** What the create of a session saved with {@code extensions} does to the index. */
    private IndexChange indexAdd(RecordExtensions extensions) {
        String pk = principalKeyOf(extensions);
        return pk == null ? IndexChange.none() : IndexChange.add(pk);
    }

    /** The deletion of a stored session: with its principal key when it is indexed. */
    private CommitPlan.Delete deletion(LoadState basis) {
        return new CommitPlan.Delete(basis.key(), principalKeyOf(basis.extensions()));
    }

    /**
     * The record a stored session is saved as: its creation time, the extension values to save,
     * the permanence now, the content to save.
     */
    private static SessionRecord toSave(LoadState basis, Changes changes, RecordExtensions extensions) {
        boolean permanent = changes.permanentChanged() ? changes.permanent() : basis.permanent();
        return new SessionRecord(basis.createdAt(), permanent, changes.attributes(), extensions);
    }

    /**
     * One conditional save of a modified session: a delta frame appended after the stored record
     * when the backend can append and the format finds the change small beside the record, else
     * the whole record.
     */
    private CommitPlan.Step save(LoadState basis, Changes changes, RecordExtensions extensions, boolean canAppend, Duration ttl) {
        SessionRecord record = toSave(basis, changes, extensions);
        // a frame carries attributes only: a change of the permanence or of the extensions rewrites the record
        boolean frameCarriesAll = !changes.permanentChanged() && extensions.equals(basis.extensions());
        Optional<byte[]> frame = canAppend && frameCarriesAll ? delta(basis, record, changes) : Optional.empty();
        return frame.isPresent()
                ? new CommitPlan.Append(basis.key(), basis.stored(), frame.get(), basis.version(), ttl)
                : new CommitPlan.Replace(basis.key(), format.write(basis.key(), record), basis.version(), ttl);
    }

    /**
     * This request's changes as a delta frame: every key it touched, with its value in the
     * record to save, or as removed. The save is conditional on the basis' version, so the frame
     * applied to that stored record gives exactly the record to save.
     */
    private Optional<byte[]> delta(LoadState basis, SessionRecord record, Changes changes) {
        Map<String, Object> attributes = record.attributes();
        Map<String, Object> puts = new LinkedHashMap<>();
        Set<String> removals = new LinkedHashSet<>();
        for (SessionChange change : changes.changes()) {
            if (attributes.containsKey(change.key())) {
                puts.put(change.key(), attributes.get(change.key()));
            } else {
                removals.add(change.key());
            }
        }
        if (puts.isEmpty() && removals.isEmpty()) {
            return Optional.empty();
        }
        return format.writeDelta(basis.key(), basis.chain(), puts, removals);
    }

    private List<ResponseHeader> sessionCookie(String id, boolean permanent, Duration ttl, Instant now) {
        List<ResponseHeader> headers = new ArrayList<>(4);
        headers.add(vary);
        headers.add(new ResponseHeader("Set-Cookie", cookies.sessionCookie(flaskCookies.valueOf(id), permanent ? ttl : null, now)));
        settings.idHeader().ifPresent(name -> headers.add(new ResponseHeader(name, id)));
        headers.add(cacheControl);
        return headers;
    }

    private List<ResponseHeader> deletionCookie() {
        return List.of(vary, new ResponseHeader("Set-Cookie", cookies.deletionCookie()), cacheControl);
    }
}
