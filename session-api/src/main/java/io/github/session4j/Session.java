package io.github.session4j;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The session of one request, as a map from names to values, like Flask's {@code session}.
 *
 * <p>A {@code Session} is created by the {@code SessionManager} for each request and is loaded
 * lazily: the store is read on the first call of any public method (reads and the state queries
 * such as {@link #isNew()} included), at most once. A request that never touches its session
 * costs no store round trip.
 *
 * <p>It implements the whole {@link Map} contract: the {@link #keySet()}, {@link #values()} and
 * {@link #entrySet()} views are live and support removal (also through their iterators), and
 * {@link Map.Entry#setValue} writes through; {@code equals}, {@code hashCode} and
 * {@code toString} behave as {@link AbstractMap}'s. Iteration follows insertion order, stored
 * content first. {@code null} values are allowed, as in Flask; {@code null} keys are not: every
 * method that writes throws {@link NullPointerException} for a {@code null} key, while queries
 * ({@code get}, {@code containsKey}, {@code remove} ...) simply find nothing.
 *
 * <p>Every value that enters the session, through any path, is checked before anything changes:
 * a value the configured codec cannot store is rejected with a {@link SessionEncodingException}
 * that names the key, and the session is left as it was.
 *
 * <p>Every mutation is recorded, so {@link #isModified()} is exact: a pure read never marks the
 * session modified, and neither does removing an absent key or a conditional operation whose
 * condition does not hold. When two requests change the same session concurrently, the one that
 * saves second reloads the session and applies its own changes again, key by key: plain puts and
 * removes are written again, conditional operations ({@code putIfAbsent}, {@code replace},
 * {@code remove(key, value)}, {@link #setDefault}) evaluate their condition again on the fresh
 * data, and the functions given to {@code compute}, {@code computeIfAbsent},
 * {@code computeIfPresent}, {@code merge} and {@code replaceAll} run again on the fresh values.
 * Such functions may therefore run more than once (as with
 * {@link java.util.concurrent.atomic.AtomicReference#updateAndGet}) and should be free of side
 * effects; in return a counter kept with
 * {@code session.merge("counter", 1, (a, b) -> (Integer) a + (Integer) b)} loses no increment.
 *
 * <p><b>Values after a conflict.</b> What {@code compute}, {@code merge} and their kin return is
 * what <em>this request</em> computed on the data it loaded. When a concurrent request saved
 * first, the commit runs the function again on the fresh value and stores that result, which may
 * differ: two concurrent increments of a counter at 4 both return 5, and 6 is stored. The session
 * object is not updated with what the commit stored. An application that must tell the client the
 * stored value reads it in a later request (the demo's {@code GET /api/counter}), or gives the
 * client an answer that does not depend on it (the demo's {@code POST} answers what it computed
 * and says so).
 *
 * <p><b>Thread safety:</b> one request is served by one thread, and a {@code Session} belongs to
 * one request. It is not thread-safe: do not share it between threads without external
 * synchronization, and do not use it after the request has been committed.
 */
public final class Session implements Map<String, Object> {

    /**
     * The longest idle timeout {@link #setIdleTimeout} accepts: 100 years, longer than any
     * session needs ("never" is asked for with this, not with zero) and short enough that every
     * store can compute and keep the expiry.
     */
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(36_500);

    private final SessionBinding binding;
    private final LinkedHashMap<String, Object> content = new LinkedHashMap<>();
    private final List<SessionChange> changes = new ArrayList<>();
    /** Keys whose value the record cache still shares with this session: copied before it can leave. */
    private final Set<String> shared = new HashSet<>();
    private final SessionViews views = new SessionViews(content, new ViewTracker());
    private LoadState loaded;
    private RuntimeException loadFailure;
    private boolean isNew;
    private boolean permanent;
    private boolean invalidated;
    private boolean regenerateRequested;
    /** A sign-in this request asked for ({@link SessionContext#signIn}), or null. */
    private SignIn signIn;
    /** Whether a sign-in as another principal dropped the stored data: a replay then starts from nothing. */
    private boolean discardStored;
    /** The label now ({@link SessionContext#setLabel}), or null. */
    private String label;
    /** This session's own idle timeout, or null for PERMANENT_SESSION_LIFETIME. */
    private Duration idleTimeout;

    /**
     * Creates a session that loads itself through the binding on first use. Does no I/O.
     *
     * @param binding the manager's side of this session
     */
    Session(SessionBinding binding) {
        this.binding = Objects.requireNonNull(binding, "binding");
    }

    // ---- the manager's side (package-private; none of these loads the session) ----

    /** Whether {@link SessionBinding#load()} has been called successfully. */
    boolean isLoaded() {
        return loaded != null;
    }

    /** What {@link SessionBinding#load()} returned, or {@code null} if the session is not loaded. */
    LoadState loadedState() {
        return loaded;
    }

    /**
     * An unmodifiable snapshot of the current content (it may hold {@code null} values).
     *
     * @throws IllegalStateException if the session was never loaded
     */
    Map<String, Object> attributes() {
        if (loaded == null) {
            throw new IllegalStateException(
                    "the session was never loaded in this request, so it has no content to save;"
                            + " check isLoaded() first");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(content));
    }

    /**
     * This request's mutations, in order (since {@link #invalidate()} if it was called); empty
     * if the session was never loaded.
     */
    List<SessionChange> changes() {
        return List.copyOf(changes);
    }

    /**
     * The current content as an unmodifiable view, not a snapshot: for the commit, which reads it
     * once the application is done with the session, so that a request that only read its
     * session copies nothing.
     */
    Map<String, Object> contentForCommit() {
        return Collections.unmodifiableMap(content);
    }

    /** This request's mutations as an unmodifiable view, not a copy: for the commit, as {@link #contentForCommit()}. */
    List<SessionChange> changesForCommit() {
        return Collections.unmodifiableList(changes);
    }

    /** This session's own idle timeout now, or null when it has none ({@code PERMANENT_SESSION_LIFETIME}). */
    Duration ownIdleTimeout() {
        return idleTimeout;
    }

    /** Whether this session's own idle timeout now differs from the loaded one (set, changed or reset). */
    boolean isIdleTimeoutChanged() {
        return loaded != null && !Objects.equals(idleTimeout, loaded.extensions().idleTimeout().orElse(null));
    }

    /** A sign-in asked for in this request, to be saved at commit. */
    record SignIn(String principal, Instant at) {
    }

    /** The sign-in this request asked for, or null. */
    SignIn pendingSignIn() {
        return signIn;
    }

    /**
     * Signs {@code principal} in at commit: the session gets a new ID, and when it held another
     * principal its data is dropped now (and on a replay after a lost race). The principal has
     * been checked.
     */
    void signIn(String principal, Instant at) {
        load();
        String current = principal();
        if (current != null && !current.equals(principal)) {
            content.clear();
            changes.clear();
            discardStored = true;
            label = null;
        }
        signIn = new SignIn(principal, at);
        regenerateRequested = true;
    }

    /** The principal signed in now: this request's sign-in, else the loaded one unless invalidated; or null. */
    String principal() {
        load();
        if (signIn != null) {
            return signIn.principal();
        }
        return invalidated ? null : loaded.extensions().principal().orElse(null);
    }

    /** When the principal signed in now signed in, or null. */
    Instant signedInAt() {
        load();
        if (signIn != null) {
            return signIn.at();
        }
        return invalidated ? null : loaded.extensions().signedInAt().orElse(null);
    }

    /** The label now, or null. */
    String label() {
        load();
        return label;
    }

    /** Sets the label, saved at commit (checked by the caller). */
    void setLabel(String label) {
        load();
        this.label = label;
    }

    /** Whether the label now differs from the loaded one. */
    boolean isLabelChanged() {
        return loaded != null && !Objects.equals(label, loaded.extensions().label().orElse(null));
    }

    /** Whether a sign-in as another principal dropped the stored data. */
    boolean discardsStored() {
        return discardStored;
    }

    /** Whether {@link #isPermanent()} now differs from the loaded value. */
    boolean isPermanentChanged() {
        return loaded != null && permanent != loaded.permanent();
    }

    /**
     * Re-applies this request's changes to fresher content, for a save that lost a race. Each
     * value a function change produces is checked with {@link SessionBinding#checkValue}.
     *
     * @param fresh the content just reloaded from the store (not modified)
     * @return a new map: {@code fresh} with this request's {@link #changes()} applied in order
     * @throws SessionEncodingException when a re-run function produced a value that cannot be
     *     stored
     */
    Map<String, Object> replayOnto(Map<String, Object> fresh) {
        Map<String, Object> result = discardStored ? new LinkedHashMap<>() : new LinkedHashMap<>(fresh);
        for (SessionChange change : changes) {
            change.applyTo(result);
            String key = change.key();
            if (change instanceof SessionChange.Rerun && result.containsKey(key)) {
                binding.checkValue(key, result.get(key));
            }
        }
        return result;
    }

    // ---- session state ----

    /**
     * Whether no stored session backs this one yet: the request carried no valid session, or
     * {@link #invalidate()} was called. A new session that stays empty is never stored.
     *
     * @return {@code true} for a new session
     */
    public boolean isNew() {
        load();
        return isNew;
    }

    /**
     * Whether this request changed the session: a value was put or removed (through any path),
     * {@link #setPermanent} changed the permanence, {@link #setIdleTimeout} changed the idle
     * timeout, {@link SessionContext#signIn} signed someone in, {@link SessionContext#setLabel}
     * changed the label, or {@link #invalidate()} was called. Reads,
     * removals of absent keys and conditional operations whose condition did not hold do not
     * count. {@link #regenerate()} alone does not count either (it moves the data, it does not
     * change it).
     *
     * @return {@code true} if the session must be written or deleted at commit
     */
    public boolean isModified() {
        load();
        return invalidated || !changes.isEmpty() || isPermanentChanged() || isIdleTimeoutChanged() || signIn != null
                || isLabelChanged();
    }

    /**
     * Whether the session cookie outlives the browser session (it then carries Max-Age and
     * Expires from {@code PERMANENT_SESSION_LIFETIME}), like Flask's {@code session.permanent}.
     *
     * @return {@code true} for a permanent session
     */
    public boolean isPermanent() {
        load();
        return permanent;
    }

    /**
     * Makes the session permanent or not. Setting the value it already has is not a change.
     * The value survives {@link #invalidate()}.
     *
     * @param permanent whether the session cookie should outlive the browser session
     */
    public void setPermanent(boolean permanent) {
        load();
        this.permanent = permanent;
    }

    /**
     * This session's idle timeout: it ends this long after its last use (unless
     * {@code SESSION_ABSOLUTE_LIFETIME} ends it sooner). It is the session's own timeout if one
     * was set with {@link #setIdleTimeout} (in this request or an earlier one: it is kept in the
     * stored record), else {@code PERMANENT_SESSION_LIFETIME}.
     *
     * @return the idle timeout, positive
     */
    public Duration idleTimeout() {
        load();
        return idleTimeout != null ? idleTimeout : binding.defaultIdleTimeout();
    }

    /**
     * Gives this session an idle timeout of its own, in place of
     * {@code PERMANENT_SESSION_LIFETIME} (what {@code HttpSession.setMaxInactiveInterval} does;
     * "keep me signed in" and remember-me use it). It is kept in the stored record (a record
     * without one keeps the global lifetime) and applied from this request's commit on: to the
     * store's TTL, to the cookie's {@code Max-Age} of a permanent session, and to every later
     * load and expiry refresh.
     *
     * <p>Setting a value other than the session's own current one marks the session modified (it
     * is saved at commit, as a whole record); setting the same one is not a change. As for any
     * other change, a new session that stays empty is still not stored.
     * {@code SESSION_ABSOLUTE_LIFETIME} still caps the session: a timeout longer than what is left
     * of it is kept, but the session ends when the absolute lifetime does. {@link #invalidate()}
     * resets the timeout: a session started afresh in the same request begins with
     * {@code PERMANENT_SESSION_LIFETIME}.
     *
     * <p>There is no "never": zero and negative values are refused (a session without an end
     * would outlive every cleanup of the store). An adapter for an API where a non-positive value
     * means "never" (the Servlet API does) passes {@link #MAX_IDLE_TIMEOUT}.
     *
     * @param timeout the idle timeout, positive and at most {@link #MAX_IDLE_TIMEOUT}; or
     *     {@code null} to go back to {@code PERMANENT_SESSION_LIFETIME}
     * @throws IllegalArgumentException if {@code timeout} is zero, negative or longer than
     *     {@link #MAX_IDLE_TIMEOUT}; the session is left as it was
     */
    public void setIdleTimeout(Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("a session's idle timeout must be longer than zero, but it was " + timeout
                    + "; there is no \"never\": pass Session.MAX_IDLE_TIMEOUT for the longest, or null for"
                    + " PERMANENT_SESSION_LIFETIME");
        }
        if (timeout != null && timeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("a session's idle timeout must be at most Session.MAX_IDLE_TIMEOUT ("
                    + MAX_IDLE_TIMEOUT.toDays() + " days), but it was " + timeout);
        }
        load();
        idleTimeout = timeout;
    }

    /**
     * When the session was first created: for a stored session, the time recorded when it was
     * first saved; for a new one, when this request created it. After {@link #invalidate()} it
     * still reports the value loaded at the start of the request.
     *
     * @return the creation time
     */
    public Instant creationTime() {
        load();
        return loaded.createdAt();
    }

    /**
     * Asks for a new session ID at commit, keeping the data (protection against session
     * fixation: call it when the user logs in). The old ID stops working at commit. Has no
     * effect on a new session, which gets a fresh ID anyway.
     */
    public void regenerate() {
        load();
        regenerateRequested = true;
    }

    /**
     * Whether {@link #regenerate()} was called in this request.
     *
     * @return {@code true} if a new ID is requested
     */
    public boolean isRegenerateRequested() {
        load();
        return regenerateRequested;
    }

    /**
     * Ends the session (logout): the stored session and its ID are deleted at commit, and the
     * client gets an expired cookie. The session becomes new and empty at once; values put
     * later in the same request start a new session with a new ID. Changes made before this
     * call are forgotten, and so is an idle timeout of the session's own ({@link #setIdleTimeout}).
     */
    public void invalidate() {
        load();
        content.clear();
        changes.clear();
        invalidated = true;
        isNew = true;
        idleTimeout = null;
        signIn = null;
        discardStored = false;
        label = null;
    }

    /**
     * Whether {@link #invalidate()} was called in this request.
     *
     * @return {@code true} if the stored session will be deleted at commit
     */
    public boolean isInvalidated() {
        load();
        return invalidated;
    }

    // ---- Flask-style additions ----

    /**
     * Removes a key and returns its value, like Python's {@code dict.pop(key, None)}.
     *
     * @param key the key
     * @return the removed value, or {@code null} if the key was absent (or mapped to {@code null})
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public Object pop(String key) {
        return pop(key, null);
    }

    /**
     * Removes a key and returns its value, or returns {@code defaultValue} if it is absent.
     *
     * @param key the key
     * @param defaultValue what to return when the key is absent
     * @return the removed value (possibly {@code null}), or {@code defaultValue}
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public Object pop(String key, Object defaultValue) {
        requireKey(key);
        ownedContent(key);
        return content.containsKey(key) ? removePresent(key) : defaultValue;
    }

    /**
     * Returns the value of a key, first storing {@code value} under it if the key is absent,
     * like Python's {@code dict.setdefault}. A key mapped to {@code null} is present: its
     * {@code null} is returned and kept. Unlike {@link #putIfAbsent}, this returns the value
     * in the session afterwards.
     *
     * @param key the key
     * @param value the value to store if the key is absent
     * @return the existing value, or {@code value} once stored
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws SessionEncodingException if {@code value} has to be stored and cannot be
     */
    public Object setDefault(String key, Object value) {
        requireKey(key);
        ownedContent(key);
        if (content.containsKey(key)) {
            return content.get(key);
        }
        write(new SessionChange.SetDefault(key, value), value);
        return value;
    }

    /**
     * Returns the value of a key as a given type.
     *
     * <p>One conversion is made: an {@link Integer} is returned as a {@link Long} when
     * {@code Long.class} is asked for, because codecs may hand back small whole numbers as
     * {@code Integer}. Every other mismatch is an error; no other number is converted, and a
     * {@code Long} is never narrowed to an {@code Integer}.
     *
     * @param <T> the expected type
     * @param key the key
     * @param type the expected type, a class or interface (not a primitive type: a missing key
     *     reads as {@code null}, which a primitive cannot hold)
     * @return the value, or {@code null} if the key is absent or maps to {@code null}
     * @throws NullPointerException if {@code key} or {@code type} is {@code null}
     * @throws IllegalArgumentException if {@code type} is primitive, e.g. {@code int.class}
     * @throws ClassCastException if the value has another type; the message names the key, the
     *     value's class and the requested class (never the value itself)
     */
    public <T> T get(String key, Class<T> type) {
        requireKey(key);
        Objects.requireNonNull(type, "type");
        if (type.isPrimitive()) {
            throw new IllegalArgumentException("session.get(\"" + key + "\", " + type.getName()
                    + ".class): ask for the wrapper type instead (a missing key reads as null,"
                    + " which a primitive cannot hold)");
        }
        Object value = get(key);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        if (type == Long.class && value instanceof Integer i) {
            return type.cast(Long.valueOf(i.longValue()));
        }
        throw new ClassCastException("session key \"" + key + "\" holds a "
                + value.getClass().getName() + ", not the requested " + type.getName()
                + "; ask for " + value.getClass().getName() + " or a supertype, or store a "
                + type.getName() + " under that key");
    }

    // ---- Map: queries ----

    /** {@inheritDoc} */
    @Override
    public int size() {
        return loadedContent().size();
    }

    /** {@inheritDoc} */
    @Override
    public boolean isEmpty() {
        return loadedContent().isEmpty();
    }

    /** {@inheritDoc} A {@code null} or non-String key is simply absent. */
    @Override
    public boolean containsKey(Object key) {
        return loadedContent().containsKey(key);
    }

    /** {@inheritDoc} */
    @Override
    public boolean containsValue(Object value) {
        return allOwnedContent().containsValue(value);
    }

    /** {@inheritDoc} A {@code null} or non-String key is simply absent. */
    @Override
    public Object get(Object key) {
        return ownedContent(key).get(key);
    }

    /** {@inheritDoc} */
    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return ownedContent(key).getOrDefault(key, defaultValue);
    }

    /** {@inheritDoc} */
    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        allOwnedContent().forEach(action);
    }

    // ---- Map: unconditional writes ----

    /**
     * {@inheritDoc} Always recorded as a change, even if the key already mapped to an equal
     * value: on a concurrent save, this value wins for this key.
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws SessionEncodingException if the value cannot be stored (nothing changes)
     */
    @Override
    public Object put(String key, Object value) {
        requireKey(key);
        load();
        return write(new SessionChange.Put(key, value), value);
    }

    /**
     * {@inheritDoc} All values are checked before any is stored: if one is rejected, or a key is
     * {@code null}, the session is left unchanged.
     *
     * @throws NullPointerException if {@code m} or one of its keys is {@code null}
     * @throws SessionEncodingException if a value cannot be stored (nothing changes)
     */
    @Override
    public void putAll(Map<? extends String, ? extends Object> m) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(m.size());
        for (Map.Entry<? extends String, ? extends Object> e : m.entrySet()) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(requireKey(e.getKey()), e.getValue()));
        }
        load();
        entries.forEach(e -> binding.checkValue(e.getKey(), e.getValue()));
        entries.forEach(e -> record(new SessionChange.Put(e.getKey(), e.getValue())));
        entries.forEach(e -> content.put(e.getKey(), e.getValue()));
    }

    /** {@inheritDoc} Removing an absent key is not a change. */
    @Override
    public Object remove(Object key) {
        ownedContent(key);
        return key instanceof String k && content.containsKey(k) ? removePresent(k) : null;
    }

    /** {@inheritDoc} Records one removal per key present. */
    @Override
    public void clear() {
        load();
        content.keySet().forEach(key -> record(new SessionChange.Remove(key)));
        content.clear();
    }

    // ---- Map: conditional writes (their condition is evaluated again on replay) ----

    /**
     * {@inheritDoc} Recorded only if the value was stored; on a concurrent save it is stored
     * only if the key is still absent (or {@code null}) in the fresh session.
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws SessionEncodingException if the value cannot be stored (nothing changes)
     */
    @Override
    public Object putIfAbsent(String key, Object value) {
        requireKey(key);
        ownedContent(key);
        Object current = content.get(key);
        if (current != null) {
            return current;
        }
        return write(new SessionChange.PutIfAbsent(key, value), value);
    }

    /**
     * {@inheritDoc} Recorded only if the key was present; on a concurrent save it is stored only
     * if the key is still present in the fresh session.
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws SessionEncodingException if the value cannot be stored (nothing changes)
     */
    @Override
    public Object replace(String key, Object value) {
        requireKey(key);
        load();
        return content.containsKey(key) ? write(new SessionChange.Replace(key, value), value) : null;
    }

    /**
     * {@inheritDoc} Recorded only if the value was replaced; on a concurrent save it is replaced
     * only if the fresh session still maps the key to {@code oldValue}.
     *
     * @throws NullPointerException if {@code key} is {@code null}
     * @throws SessionEncodingException if the new value cannot be stored (nothing changes)
     */
    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        requireKey(key);
        ownedContent(key);
        if (!content.containsKey(key) || !Objects.equals(content.get(key), oldValue)) {
            return false;
        }
        write(new SessionChange.ReplaceIfEquals(key, oldValue, newValue), newValue);
        return true;
    }

    /**
     * {@inheritDoc} Recorded only if the entry was removed; on a concurrent save it is removed
     * only if the fresh session still maps the key to {@code value}.
     */
    @Override
    public boolean remove(Object key, Object value) {
        ownedContent(key);
        if (!(key instanceof String k) || !content.containsKey(k)
                || !Objects.equals(content.get(k), value)) {
            return false;
        }
        record(new SessionChange.RemoveIfEquals(k, value));
        content.remove(k);
        return true;
    }

    // ---- Map: function writes (the function runs again on replay) ----

    /**
     * {@inheritDoc} All new values are computed and checked before any is stored. The function
     * may run more than once per key: again on the fresh value of each key still present if a
     * concurrent request saved first.
     *
     * @throws SessionEncodingException if a new value cannot be stored (nothing changes)
     */
    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ? extends Object> function) {
        Objects.requireNonNull(function, "function");
        allOwnedContent();
        List<Map.Entry<String, Object>> replaced = new ArrayList<>(content.size());
        content.forEach((k, v) ->
                replaced.add(new AbstractMap.SimpleImmutableEntry<>(k, function.apply(k, v))));
        replaced.forEach(e -> binding.checkValue(e.getKey(), e.getValue()));
        for (Map.Entry<String, Object> e : replaced) {
            record(new SessionChange.ReplaceValue(e.getKey(), function));
            content.put(e.getKey(), e.getValue());
        }
    }

    /**
     * {@inheritDoc} The function may run more than once: again on the fresh session if a
     * concurrent request saved first and the key is still absent there.
     *
     * @throws NullPointerException if {@code key} or the function is {@code null}
     * @throws SessionEncodingException if the new value cannot be stored (nothing changes)
     */
    @Override
    public Object computeIfAbsent(String key, Function<? super String, ? extends Object> mappingFunction) {
        requireKey(key);
        Objects.requireNonNull(mappingFunction, "mappingFunction");
        ownedContent(key);
        Object current = content.get(key);
        if (current != null) {
            return current;
        }
        Object value = mappingFunction.apply(key);
        return value == null ? null : store(new SessionChange.ComputeIfAbsent(key, mappingFunction), value);
    }

    /**
     * {@inheritDoc} The function may run more than once: again on the fresh value if a concurrent
     * request saved first.
     *
     * The value returned is this request's; after a conflict the stored one may differ (see
     * "Values after a conflict" above).
     *
     * @throws NullPointerException if {@code key} or the function is {@code null}
     * @throws SessionEncodingException if the new value cannot be stored (nothing changes)
     */
    @Override
    public Object computeIfPresent(
            String key, BiFunction<? super String, ? super Object, ? extends Object> remappingFunction) {
        requireKey(key);
        Objects.requireNonNull(remappingFunction, "remappingFunction");
        ownedContent(key);
        Object current = content.get(key);
        if (current == null) {
            return null;
        }
        return storeOrRemove(new SessionChange.ComputeIfPresent(key, remappingFunction),
                remappingFunction.apply(key, current));
    }

    /**
     * {@inheritDoc} The function may run more than once: again on the fresh value if a concurrent
     * request saved first.
     *
     * The value returned is this request's; after a conflict the stored one may differ (see
     * "Values after a conflict" above).
     *
     * @throws NullPointerException if {@code key} or the function is {@code null}
     * @throws SessionEncodingException if the new value cannot be stored (nothing changes)
     */
    @Override
    public Object compute(
            String key, BiFunction<? super String, ? super Object, ? extends Object> remappingFunction) {
        requireKey(key);
        Objects.requireNonNull(remappingFunction, "remappingFunction");
        ownedContent(key);
        Object value = remappingFunction.apply(key, content.get(key));
        if (value == null && !content.containsKey(key)) {
            return null;
        }
        return storeOrRemove(new SessionChange.Compute(key, remappingFunction), value);
    }

    /**
     * {@inheritDoc} The function may run more than once: again on the fresh value if a concurrent
     * request saved first, so {@code merge("counter", 1, (a, b) -> (Integer) a + (Integer) b)}
     * in two concurrent requests adds 2.
     *
     * The value returned is this request's; after a conflict the stored one may differ (see
     * "Values after a conflict" above).
     *
     * @throws NullPointerException if {@code key}, {@code value} or the function is {@code null}
     * @throws SessionEncodingException if the new value cannot be stored (nothing changes)
     */
    @Override
    public Object merge(
            String key,
            Object value,
            BiFunction<? super Object, ? super Object, ? extends Object> remappingFunction) {
        requireKey(key);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(remappingFunction, "remappingFunction");
        ownedContent(key);
        Object current = content.get(key);
        Object merged = current == null ? value : remappingFunction.apply(current, value);
        return storeOrRemove(new SessionChange.Merge(key, value, remappingFunction), merged);
    }

    // ---- Map: views and Object methods ----

    /** {@inheritDoc} The view is live; removals through it and its iterator are recorded. */
    @Override
    public Set<String> keySet() {
        load();
        return views.keySet();
    }

    /** {@inheritDoc} The view is live; removals through it and its iterator are recorded. */
    @Override
    public Collection<Object> values() {
        allOwnedContent();
        return views.values();
    }

    /**
     * {@inheritDoc} The view is live; removals through it and its iterator, and
     * {@code Entry.setValue} (checked like {@link #put}), are recorded.
     */
    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        allOwnedContent();
        return views.entrySet();
    }

    /** {@inheritDoc} Equal to any {@link Map} with the same mappings. */
    @Override
    public boolean equals(Object o) {
        return o == this || loadedContent().equals(o);
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return loadedContent().hashCode();
    }

    /** Returns the content as {@link AbstractMap#toString()} does, values included. */
    @Override
    public String toString() {
        load();
        StringBuilder text = new StringBuilder("{");
        for (Iterator<Map.Entry<String, Object>> it = content.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> e = it.next();
            text.append(e.getKey()).append('=').append(e.getValue() == this ? "(this Map)" : e.getValue());
            text.append(it.hasNext() ? ", " : "");
        }
        return text.append('}').toString();
    }

    // ---- internals ----

    private void load() {
        if (loaded != null) {
            return;
        }
        if (loadFailure != null) {
            throw loadFailure; // load() is called at most once per request, even when it failed
        }
        LoadState state;
        try {
            state = binding.load();
            if (state == null) {
                throw new IllegalStateException("SessionBinding.load() returned null");
            }
        } catch (RuntimeException e) {
            loadFailure = e;
            throw e;
        }
        loaded = state;
        content.putAll(state.attributes());
        if (state.sharesValues()) {
            content.forEach((key, value) -> {
                if (AttributeCopies.isMutable(value)) {
                    shared.add(key);
                }
            });
        }
        isNew = state.isNew();
        permanent = state.permanent();
        idleTimeout = state.extensions().idleTimeout().orElse(null);
        label = state.extensions().label().orElse(null);
    }

    private Map<String, Object> loadedContent() {
        load();
        return content;
    }

    /**
     * The loaded content, where {@code key}'s value is this session's own: a value still shared
     * with the record cache is replaced by a copy first, so that nothing the application reaches
     * or changes in place is seen by another request.
     */
    private Map<String, Object> ownedContent(Object key) {
        load();
        if (!shared.isEmpty() && shared.remove(key)) {
            content.put((String) key, AttributeCopies.copy(content.get(key)));
        }
        return content;
    }

    /** The loaded content with every value this session's own, for the paths that reach them all. */
    private Map<String, Object> allOwnedContent() {
        load();
        if (!shared.isEmpty()) {
            shared.forEach(key -> content.put(key, AttributeCopies.copy(content.get(key))));
            shared.clear();
        }
        return content;
    }

    private static String requireKey(String key) {
        return Objects.requireNonNull(key, "session keys cannot be null");
    }

    private void record(SessionChange change) {
        changes.add(change);
        shared.remove(change.key()); // the value is replaced or removed: nothing of the cache's stays
    }

    /** Checks, records and stores a value that enters the session; returns the previous one. */
    private Object write(SessionChange change, Object value) {
        ownedContent(change.key()); // the previous value is returned
        binding.checkValue(change.key(), value);
        record(change);
        return content.put(change.key(), value);
    }

    /** Like {@link #write} but returns the new value, as the compute methods do. */
    private Object store(SessionChange change, Object value) {
        write(change, value);
        return value;
    }

    /** Stores a computed value, or removes the key when it is {@code null} (the Map rule). */
    private Object storeOrRemove(SessionChange change, Object value) {
        if (value != null) {
            return store(change, value);
        }
        record(change);
        content.remove(change.key());
        return null;
    }

    private Object removePresent(String key) {
        record(new SessionChange.Remove(key));
        return content.remove(key);
    }

    /** Validates and records what the views change. */
    private final class ViewTracker implements SessionViews.Tracker {
        @Override
        public void beforeSet(String key, Object value) {
            binding.checkValue(key, value);
            record(new SessionChange.Put(key, value));
        }

        @Override
        public void removed(String key) {
            record(new SessionChange.Remove(key));
        }
    }
}
