package io.github.session4j.vertx;

import io.github.session4j.CommitResult;
import io.github.session4j.RequestHeaders;
import io.github.session4j.ResponseHeader;
import io.github.session4j.Session;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.async.AsyncSessionContext;
import io.github.session4j.async.AsyncSessions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * A Vert.x Web handler that gives every request behind it a store-backed session4j
 * {@link Session}, with the guarantees of every session4j adapter: the ID is checked before any
 * I/O and never adopted, the session is loaded only when a route asks for it (a request that
 * does not costs no round trip), saves are conditional and a lost race replays the request's
 * changes, and the cookie follows the {@code SESSION_COOKIE_*} settings. Store calls run on
 * {@link AsyncSessions}' bounded pool, never on the event loop; the futures complete on the
 * request's Vert.x context.
 *
 * <pre>{@code
 * router.route().handler(Session4jHandler.create(AsyncSessions.create(manager)));
 * router.post("/visits").handler(ctx -> Session4jHandler.session(ctx)
 *         .map(session -> session.merge("visits", 1, (a, b) -> (Integer) a + (Integer) b))
 *         .onSuccess(visits -> Session4jHandler.end(ctx, String.valueOf(visits))));
 * }</pre>
 *
 * <p>A route that used the session ends its response through {@link #end(RoutingContext, String)}
 * or calls {@link #commit(RoutingContext)} first, as Vert.x's own {@code SessionHandler.flush}: the
 * commit is asynchronous, and the cookie must be on the response before its headers go. A store
 * failure (or a full queue) then becomes a 503 without {@code Set-Cookie}. A session used by a
 * route that ends its response directly is committed after the response, with a warning, and any
 * cookie it needed is lost.
 *
 * <p>Signing in (DESIGN.md §9) is session4j's, not a {@code user} attribute of the app's:
 * {@link #signIn(RoutingContext, String)} after the password was checked (a new ID, the principal
 * and the sign-in time recorded, another user's data dropped, the session indexed under the user),
 * {@link #signOut(RoutingContext)} to end it, {@link #context(RoutingContext)} for
 * {@code principal()}, {@code handle()}, {@code setLabel} ..., and {@link #endOtherSessions(RoutingContext)}
 * for "sign out everywhere else"; listing a user's sessions is {@link AsyncSessions#sessionsOf}.
 * What they change is saved by the commit, as every change of the session.
 *
 * <p>This is not a Vert.x {@code SessionStore}: its contract cannot keep these guarantees (see the
 * module's README).
 */
public final class Session4jHandler implements Handler<RoutingContext> {

    private static final System.Logger LOG = System.getLogger(Session4jHandler.class.getName());

    private final AsyncSessions sessions;

    private Session4jHandler(AsyncSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * A handler over a non-blocking path.
     *
     * @param sessions the non-blocking path of the application's {@code SessionManager}
     * @return the handler
     */
    public static Session4jHandler create(AsyncSessions sessions) {
        return new Session4jHandler(Objects.requireNonNull(sessions, "sessions"));
    }

    /**
     * Starts the request's session lifecycle (no I/O) and goes on; answers 403 first for an unsafe
     * cross-origin request when {@code SESSION_CROSS_ORIGIN_PROTECTION} is on.
     *
     * @param ctx the routing context
     */
    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        RequestHeaders headers = request.headers()::getAll;
        String method = request.method().name();
        String path = Optional.ofNullable(ctx.normalizedPath()).orElse("/");
        Optional<String> refusal = sessions.crossOriginRefusal(method, path, headers);
        if (refusal.isPresent()) {
            ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain;charset=utf-8")
                    .putHeader("Cache-Control", "no-store").end(refusal.get());
            return;
        }
        RequestSession state = new RequestSession(sessions.begin(method, path, headers), Vertx.currentContext(), sessions);
        ctx.put(RequestSession.KEY, state);
        ctx.addHeadersEndHandler(ignored -> commitLate(ctx, state));
        ctx.next();
    }

    /**
     * The request's session, loaded on the store threads the first time it is asked for.
     *
     * @param ctx the routing context
     * @return the session; a failed future with {@link SessionBackendException} when the store
     *     failed (answer 503, or call {@link #unavailable(RoutingContext, Throwable)})
     * @throws IllegalStateException if the request did not pass through this handler
     */
    public static Future<Session> session(RoutingContext ctx) {
        RequestSession state = stateOf(ctx);
        return Future.fromCompletionStage(state.context().session(), state.vertxContext());
    }

    /**
     * The request's session context, with its session loaded (on the store threads, the first time),
     * for {@code principal()}, {@code signedInAt()}, {@code handle()}, {@code setLabel} and the other
     * operations of {@link AsyncSessionContext}, which do no I/O once loaded.
     *
     * @param ctx the routing context
     * @return the context; a failed future with {@link SessionBackendException} when the store failed
     * @throws IllegalStateException if the request did not pass through this handler
     */
    public static Future<AsyncSessionContext> context(RoutingContext ctx) {
        RequestSession state = stateOf(ctx);
        return session(ctx).map(loaded -> state.context());
    }

    /**
     * Signs {@code principal} in to the request's session ({@link AsyncSessionContext#signIn}): call
     * it once the credentials were checked; the commit gives the session a new ID (the one from before
     * dies), records the principal and the sign-in time, drops the data of another user who held the
     * session (an anonymous session's is kept) and indexes it under the user.
     *
     * @param ctx the routing context
     * @param principal the user's name
     * @return done once recorded; failed with {@link IllegalArgumentException} for an unacceptable
     *     principal or {@link SessionBackendException} when the store failed
     * @throws IllegalStateException if the request did not pass through this handler
     */
    public static Future<Void> signIn(RoutingContext ctx, String principal) {
        return context(ctx).map(context -> {
            context.signIn(principal);
            return null;
        });
    }

    /**
     * Signs the user out ({@link AsyncSessionContext#signOut}): the commit deletes the session, takes
     * it out of its user's index and expires the cookie.
     *
     * @param ctx the routing context
     * @return done once recorded; failed with {@link SessionBackendException} when the store failed
     * @throws IllegalStateException if the request did not pass through this handler
     */
    public static Future<Void> signOut(RoutingContext ctx) {
        return context(ctx).map(context -> {
            context.signOut();
            return null;
        });
    }

    /**
     * Ends every other session of the user signed in to this request's session ("sign out everywhere
     * else", {@link AsyncSessions#endOtherSessions}) on the store threads; completes on the request's
     * Vert.x context.
     *
     * @param ctx the routing context
     * @return how many were ended; failed with {@link IllegalStateException} when nobody is signed in
     *     or the backend keeps no principal index, {@link SessionBackendException} when the store failed
     * @throws IllegalStateException if the request did not pass through this handler
     */
    public static Future<Integer> endOtherSessions(RoutingContext ctx) {
        RequestSession state = stateOf(ctx);
        return Future.fromCompletionStage(state.sessions().endOtherSessions(state.context()), state.vertxContext());
    }

    /**
     * Commits the request's session and puts the headers it needs ({@code Set-Cookie},
     * {@code Cache-Control}, {@code Vary}) on the response; costs nothing for a session the
     * request never asked for. When the store fails, the response is answered 503 without
     * {@code Set-Cookie} here and the future fails.
     *
     * @param ctx the routing context
     * @return done when the response may be sent
     */
    public static Future<Void> commit(RoutingContext ctx) {
        RequestSession state = stateOf(ctx);
        if (!state.committing().compareAndSet(false, true)) {
            return Future.failedFuture(new IllegalStateException("this request's session was already committed"));
        }
        return Future.fromCompletionStage(state.context().commit(), state.vertxContext())
                .onSuccess(result -> addHeaders(ctx.response(), result))
                .onFailure(failure -> unavailable(ctx, failure))
                .mapEmpty();
    }

    /**
     * Commits the session, then ends the response with {@code body}; a 503 instead when the store failed.
     *
     * @param ctx the routing context
     * @param body the response body
     */
    public static void end(RoutingContext ctx, String body) {
        commit(ctx).onSuccess(ignored -> ctx.response().end(body));
    }

    /**
     * Answers the request as a store failure requires, if the response has not started: 503 (413
     * for a session too large to store) without {@code Set-Cookie}. Other failures go to
     * {@code ctx.fail}.
     *
     * @param ctx the routing context
     * @param thrown what failed
     */
    public static void unavailable(RoutingContext ctx, Throwable thrown) {
        Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            LOG.log(Level.WARNING, "Session store failed after the response was sent: {0}", failure.getMessage());
            return;
        }
        if (failure instanceof SessionBackendException) {
            LOG.log(Level.WARNING, "Session store failed; answering 503: {0}", failure.getMessage());
            response.headers().clear();
            response.setStatusCode(503).putHeader("Retry-After", "1").putHeader("Cache-Control", "no-store")
                    .putHeader("Content-Type", "text/plain;charset=utf-8").end("503 Service Unavailable: the session store is unavailable; retry shortly\n");
        } else if (failure instanceof SessionEncodingException) {
            response.headers().clear();
            response.setStatusCode(413).putHeader("Cache-Control", "no-store")
                    .putHeader("Content-Type", "text/plain;charset=utf-8").end(failure.getMessage() + "\n");
        } else {
            ctx.fail(failure);
        }
    }

    private static RequestSession stateOf(RoutingContext ctx) {
        RequestSession state = ctx.get(RequestSession.KEY);
        if (state == null) {
            throw new IllegalStateException("this request did not pass through Session4jHandler: add"
                    + " router.route().handler(Session4jHandler.create(sessions)) before the routes that use sessions");
        }
        return state;
    }

    private static void addHeaders(HttpServerResponse response, CommitResult result) {
        for (ResponseHeader header : result.headers()) {
            if (header.name().equalsIgnoreCase("Set-Cookie") || header.name().equalsIgnoreCase("Vary")) {
                response.headers().add(header.name(), header.value());
            } else {
                response.headers().set(header.name(), header.value());
            }
        }
    }

    /** The response's headers are going out and the session was used but not committed: commit it after all. */
    private static void commitLate(RoutingContext ctx, RequestSession state) {
        if (!state.context().isRequested() || !state.committing().compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.WARNING, "The session of {0} {1} was used but not committed before the response: end such"
                + " responses with Session4jHandler.end or commit first; it is saved now, and a cookie it needed is lost",
                ctx.request().method(), ctx.normalizedPath());
        state.context().commit().whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "Session store failed after the response was sent: {0}", failure.getMessage());
            }
        });
    }
}
