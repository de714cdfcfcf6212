package io.github.session4j;

import io.github.session4j.codec.RecordFormat;
import io.github.session4j.codec.ValueType;
import io.github.session4j.codec.ValueTypes;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The framework-neutral request lifecycle: finds the session of a request, loads it lazily, and
 * commits it at the end. One instance per application, shared by all requests and threads; the
 * application closes it on shutdown, which closes the backend.
 *
 * <pre>{@code
 * try (SessionManager sessions = SessionManager.create(SessionConfig.load())) {
 *     SessionContext context = sessions.begin(method, path, RequestHeaders.of(requestHeaders));
 *     Session session = context.session();
 *     session.merge("visits", 1, (a, b) -> (Integer) a + (Integer) b);
 *     for (ResponseHeader header : context.commit().headers()) {
 *         response.addHeader(header.name(), header.value());
 *     }
 * }
 * }</pre>
 *
 * <p>The ID comes from the session cookie, or first from the {@code SESSION_ID_HEADER} header
 * when that is configured. Its format is checked before any I/O; with several candidates (several
 * cookies of the same name) the first well-formed one is looked up, so a request costs at most one
 * lookup. An unknown, expired or tampered ID gives a fresh session with a fresh ID: a client's ID
 * is never adopted.
 *
 * <p><b>Expiry.</b> A session ends {@code PERMANENT_SESSION_LIFETIME} after its last use (idle)
 * and, when {@code SESSION_ABSOLUTE_LIFETIME} is set, that long after its creation (for a signed-in
 * session, after its sign-in: {@link SessionContext#signIn}) whatever the activity; the store's TTL is never set longer than what remains of the absolute lifetime. The
 * absolute lifetime is checked in code on every load with the configured clock. The idle lifetime
 * is the store's TTL, which the store enforces (Redis, memcached) or the backend checks against
 * the configured clock in its load (SQL, MongoDB, files).
 *
 * <p><b>Refresh throttling.</b> With {@code SESSION_REFRESH_EACH_REQUEST} (the default), using a
 * session pushes its expiry forward without rewriting it. Where the backend refreshes in the read
 * itself at no extra cost ({@link SessionInterface#refreshesInLoad()}: Redis {@code GETEX},
 * memcached {@code gat}), every read does so. Elsewhere the read is a plain load and a separate
 * {@code touch} follows only when it is due: when the store's expiry has fallen behind the wanted
 * one by a tenth of the idle lifetime, at most one minute. So a busy session on SQL costs one extra
 * statement per minute, not per request, and its expiry is at most that much early.
 *
 * <p><b>Concurrency.</b> Saves are conditional on the version that was loaded. When another
 * request saved first, the commit reloads, re-applies this request's own changes key by key
 * (re-running {@code compute}/{@code merge} functions on the fresh values, so such functions may
 * run more than once), and saves again, up to 64 times; a session deleted meanwhile stays deleted.
 */
public final class SessionManager implements AutoCloseable {

    private final SessionRuntime runtime;
    private final SessionConfig config;
    private final String backendName;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PrincipalSessions byUser;

    private SessionManager(SessionRuntime runtime, SessionConfig config, String backendName, List<String> indexingBackends) {
        this.runtime = runtime;
        this.config = config;
        this.backendName = backendName;
        this.byUser = new PrincipalSessions(runtime, backendName, indexingBackends);
    }

    /**
     * Creates a manager for the backend that {@code SESSION_TYPE} names, found with
     * {@link java.util.ServiceLoader} on the context class loader (or this library's loader).
     *
     * @param config the configuration
     * @return a ready manager
     * @throws SessionConfigException when {@code SESSION_TYPE} is unset or names no backend on the
     *     classpath, or a setting is invalid (all problems in one message)
     * @throws SessionBackendException when the store cannot be reached
     */
    public static SessionManager create(SessionConfig config) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = SessionManager.class.getClassLoader();
        }
        return builder(config).provider(ProviderDiscovery.select(config, loader)).build();
    }

    /**
     * Creates a manager for a given provider, without discovery.
     *
     * @param provider the backend's provider
     * @param config the configuration
     * @return a ready manager
     * @throws SessionConfigException when a setting is invalid
     * @throws SessionBackendException when the store cannot be reached
     */
    public static SessionManager create(SessionInterfaceProvider provider, SessionConfig config) {
        return builder(config).provider(provider).build();
    }

    /**
     * Starts a manager with more choices: a backend instance made in code (for example over an
     * existing {@code DataSource}), or value types registered for the codec.
     *
     * @param config the configuration
     * @return a builder
     */
    public static Builder builder(SessionConfig config) {
        return new Builder(config);
    }

    /**
     * Starts the session lifecycle of one request. Does no I/O: the session is loaded when the
     * code first uses it. It knows no method, so it cannot apply the cross-site rule: a request
     * handler should call {@link #begin(String, String, RequestHeaders)}, as the adapters do.
     *
     * @param request the request's headers
     * @return the request's session context
     * @throws IllegalStateException if the manager is closed
     */
    public SessionContext begin(RequestHeaders request) {
        if (closed.get()) {
            throw new IllegalStateException("this SessionManager is closed");
        }
        return new SessionContext(runtime, presentedId(request), false);
    }

    /**
     * Starts the session lifecycle of one request whose method and path are known, which is what
     * adapters call. Does no I/O. An unsafe request from another site
     * ({@link CrossOriginProtection#isCrossSite}) gets a context whose commit never creates a
     * session nor sends a {@code Set-Cookie}: a session it creates, invalidates and refills or
     * regenerates lives for this request only and is dropped at the commit (counted in
     * {@link SessionStats#crossSiteDrops()}), so that a form posted from another site cannot
     * replace the user's session cookie; changes to a session the request presented are saved.
     *
     * @param method the request method, such as {@code POST}
     * @param path the request path within the application, for {@code SESSION_CROSS_ORIGIN_BYPASS}
     * @param request the request's headers, including {@code Sec-Fetch-Site}, {@code Origin} and {@code Host}
     * @return the request's session context
     * @throws IllegalStateException if the manager is closed
     */
    public SessionContext begin(String method, String path, RequestHeaders request) {
        if (closed.get()) {
            throw new IllegalStateException("this SessionManager is closed");
        }
        return new SessionContext(runtime, presentedId(request), runtime.crossOrigin().isCrossSite(method, path, request));
    }

    /**
     * What the cross-origin guard answers a request: with {@code SESSION_CROSS_ORIGIN_PROTECTION=true},
     * the body of the 403 for an unsafe cross-origin request ({@link CrossOriginProtection#refusal}),
     * which the adapters send before the application runs. Does no I/O.
     *
     * @param method the request method
     * @param path the request path within the application, for {@code SESSION_CROSS_ORIGIN_BYPASS}
     * @param request the request's headers
     * @return the 403's body, one line of plain text; empty when the request may go on (always
     *     when the guard is off)
     */
    public Optional<String> crossOriginRefusal(String method, String path, RequestHeaders request) {
        if (!runtime.settings().crossOriginProtection()) {
            return Optional.empty();
        }
        return runtime.crossOrigin().refusal(method, path, request).map(reason -> "403 Forbidden: cross-origin request refused: "
                + reason + ". Send it from this site's own pages; a site that must accept it lists its origin in "
                + "SESSION_TRUSTED_ORIGINS or its path in SESSION_CROSS_ORIGIN_BYPASS.\n");
    }

    private String presentedId(RequestHeaders request) {
        List<String> candidates = new ArrayList<>();
        runtime.settings().idHeader().ifPresent(name -> {
            List<String> values = request.values(name);
            candidates.addAll(values.subList(0, Math.min(values.size(), Cookies.MAX_CANDIDATES)));
        });
        // the cookie may be signed (SESSION_USE_SIGNER); the ID header, like the response's, is the bare ID
        runtime.cookies().sessionCookieValues(request.values("Cookie")).forEach(v -> candidates.add(runtime.flaskCookies().idOf(v)));
        for (String candidate : candidates) {
            if (runtime.ids().isWellFormed(candidate)) {
                return candidate;
            }
            runtime.stats().rejectedIds.increment();
        }
        return null;
    }

    // ---- sessions by user (DESIGN.md §9) ----

    /**
     * Whether this manager keeps the principal index, so that {@link #sessionsOf} and the
     * {@code end...} operations work: true when the backend has
     * {@link io.github.session4j.spi.PrincipalIndex} and {@code SESSION_PRINCIPAL_INDEX} is not
     * {@code false}.
     *
     * @return whether sessions can be listed and ended by user
     */
    public boolean indexesPrincipals() {
        return byUser.available();
    }

    /**
     * The first page of a user's live sessions (at most 100).
     *
     * @param principal the user's name
     * @return the page
     * @throws IllegalArgumentException if the principal is not one that could sign in
     * @throws IllegalStateException if this manager keeps no principal index (the message names
     *     the backends that can)
     * @throws SessionBackendException when the store cannot be reached
     */
    public SessionPage sessionsOf(String principal) {
        return sessionsOf(principal, null, PrincipalSessions.FIRST_PAGE);
    }

    /**
     * A page of a user's live sessions, in the order of their store keys (which says nothing of
     * their age). Costs one round trip for the index plus one per listed key, plus one to repair
     * the index when it listed dead keys (gone, expired or tombstoned sessions), which are taken
     * out and never shown: a page may hold fewer sessions than {@code limit} while
     * {@link SessionPage#next()} still says there is more. No session's expiry is refreshed.
     *
     * @param principal the user's name
     * @param cursor {@link SessionPage#next()} of the previous page, or null for the first
     * @param limit the most sessions on the page, 1 to 1000
     * @return the page
     * @throws IllegalArgumentException if the cursor is not one of this principal's or the limit is out of range
     * @throws IllegalStateException if this manager keeps no principal index
     * @throws SessionBackendException when the store cannot be reached
     */
    public SessionPage sessionsOf(String principal, String cursor, int limit) {
        return byUser.page(principal, cursor, limit);
    }

    /**
     * Ends one of a user's sessions at once: the next request with its cookie gets a fresh, empty
     * session. Costs one round trip per thousand sessions of the user to find the handle, one to
     * check the session and one to delete it.
     *
     * @param principal the user's name
     * @param handle a handle that {@link #sessionsOf} listed for this principal
     * @return {@code true} if the session was ended; {@code false} if the handle names no live
     *     session of this principal (a handle of another principal's session is refused this way)
     * @throws IllegalStateException if this manager keeps no principal index
     * @throws SessionBackendException when the store cannot be reached
     */
    public boolean endSession(String principal, String handle) {
        return byUser.endOne(principal, handle);
    }

    /**
     * Ends every session of a user (password changed, account disabled: ASVS V7.4.2), page by page
     * (a thousand keys a page), with one delete per session: bounded memory whatever their number.
     *
     * @param principal the user's name
     * @return how many sessions were ended, counting the index's entries (a dead session the index
     *     still listed counts too)
     * @throws IllegalArgumentException if the principal is not one that could sign in
     * @throws IllegalStateException if this manager keeps no principal index
     * @throws SessionBackendException when the store cannot be reached
     */
    public int endSessions(String principal) {
        return byUser.endAll(principal, Set.of(), "endSessions");
    }

    /**
     * Ends every session of the user signed in to {@code current} except {@code current} itself
     * ("sign out everywhere else").
     *
     * @param current the request's session context, signed in (in this request or before)
     * @return how many sessions were ended, counted as {@link #endSessions} counts
     * @throws IllegalArgumentException if {@code current} is a context of another manager
     * @throws IllegalStateException if nobody is signed in to {@code current}, or this manager keeps no principal index
     * @throws SessionBackendException when the store cannot be reached
     */
    public int endOtherSessions(SessionContext current) {
        if (!current.belongsTo(runtime)) {
            throw new IllegalArgumentException("the session context was begun by another SessionManager");
        }
        String principal = current.principal().orElseThrow(() -> new IllegalStateException(
                "endOtherSessions needs a signed-in session, but nobody is signed in to this one; call signIn first"));
        return byUser.endAll(principal, current.ownStoreKeys(), "endOtherSessions");
    }

    /**
     * The store key of a session ID: {@code SESSION_KEY_PREFIX} followed by the base64url SHA-256
     * of the ID. For admin tools and tests; the raw ID itself never reaches the store.
     *
     * @param sessionId a session ID
     * @return its store key
     */
    public String storeKey(String sessionId) {
        return runtime.ids().storeKey(sessionId);
    }

    /**
     * The principal key of a principal: what the backend's {@link PrincipalIndex} files the user's
     * sessions under (base64url, 43 characters; HMAC-SHA256 under {@code SECRET_KEY} when it is
     * set, else SHA-256, each domain-separated from the hashing of IDs). For admin tools and tests;
     * the principal itself never reaches the store's index.
     *
     * @param principal the user's name
     * @return its principal key
     * @throws IllegalArgumentException if the principal is not one that could sign in
     */
    public String principalKey(String principal) {
        Principals.check(principal);
        return runtime.principals().keyOf(principal);
    }

    /**
     * The backend's name, such as {@code redis}.
     *
     * @return the name
     */
    public String backendName() {
        return backendName;
    }

    /**
     * The backend, for admin tools, which find its optional capabilities (such as
     * {@link io.github.session4j.spi.SessionCounter}) through
     * {@link SessionInterface#capability}.
     *
     * @return the backend
     */
    public SessionInterface backend() {
        return runtime.backend();
    }

    /**
     * The configuration this manager was made with.
     *
     * @return the configuration
     */
    public SessionConfig config() {
        return config;
    }

    /**
     * The clock every expiry decision of this manager and its backend uses.
     *
     * @return the clock
     */
    public Clock clock() {
        return runtime.clock();
    }

    /**
     * The validated core settings in force, such as the idle lifetime, for adapters.
     *
     * @return the settings
     */
    public CoreSettings settings() {
        return runtime.settings();
    }

    /**
     * What this manager has done so far.
     *
     * @return live counters
     */
    public SessionStats stats() {
        return runtime.stats();
    }

    /**
     * Closes the backend. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            runtime.close();
        }
    }

    /**
     * Assembles a {@link SessionManager} from a configuration, a backend and optional value types.
     */
    public static final class Builder {

        private final SessionConfig config;
        private SessionInterfaceProvider provider;
        private SessionInterface backend;
        private String backendName;
        private final List<ValueType<?>> valueTypes = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder(SessionConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Uses a provider, which creates the backend from the configuration.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(SessionInterfaceProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.backend = null;
            return this;
        }

        /**
         * Uses a backend made in code; the manager takes ownership and closes it.
         *
         * @param name the backend's name, for {@link SessionManager#backendName()}
         * @param backend the backend
         * @return this builder
         */
        public Builder backend(String name, SessionInterface backend) {
            this.backendName = Objects.requireNonNull(name, "name");
            this.backend = Objects.requireNonNull(backend, "backend");
            this.provider = null;
            return this;
        }

        /**
         * Sets the clock used for every expiry decision, here and in the backend (tests inject a
         * fixed or moving clock); the system clock in UTC by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Registers a value type beyond the documented ones, so that sessions may hold it.
         *
         * @param type the type's codec registration
         * @return this builder
         */
        public Builder valueType(ValueType<?> type) {
            valueTypes.add(Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * Validates every setting (all problems in one message), creates the backend and the
         * manager.
         *
         * @return a ready manager
         * @throws SessionConfigException when a setting is invalid or no backend was given
         * @throws SessionBackendException when the store cannot be reached
         */
        public SessionManager build() {
            if (provider == null && backend == null) {
                throw new SessionConfigException("No backend given: call provider(...) or backend(...) on the builder, "
                        + "or use SessionManager.create(config) to choose one with SESSION_TYPE.");
            }
            ClassLoader loader = SessionManager.class.getClassLoader();
            List<SessionInterfaceProvider> onClasspath = ProviderDiscovery.available(loader);
            SessionInterfaceProvider effective = provider != null ? provider : new GivenBackend(backendName, backend);
            CoreSettings settings = CoreSettings.validate(config, effective, onClasspath);
            RecordFormat format = RecordFormat.create(config, ValueTypes.none().with(valueTypes));
            SessionInterface store = effective.create(BackendContext.of(config, settings, clock));
            String name = effective.name();
            try {
                CapabilityRequirements.check(config, store, name, provider, onClasspath);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            List<String> indexing = onClasspath.stream().filter(p -> p.capabilities().contains(PrincipalIndex.class))
                    .map(SessionInterfaceProvider::name).distinct().sorted().toList();
            return new SessionManager(new SessionRuntime(settings, store, format, clock), config, name, indexing);
        }
    }
}
