package io.github.session4j.webflux;

import io.github.session4j.CommitResult;
import io.github.session4j.RequestHeaders;
import io.github.session4j.ResponseHeader;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.async.AsyncSessionContext;
import io.github.session4j.async.AsyncSessions;
import java.lang.System.Logger.Level;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Spring WebFlux's {@link WebSessionManager} backed by session4j: {@code exchange.getSession()},
 * and so Spring Security reactive's {@code WebSessionServerSecurityContextRepository}, CSRF token
 * repository and request cache, keep their data in the configured store. Register it as the bean
 * named {@code webSessionManager} ({@code WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME}); the
 * Spring Boot starter does so in a reactive application.
 *
 * <ul>
 *   <li><b>No I/O on the event loop.</b> The load (when something first subscribes to
 *       {@code exchange.getSession()}) and the commit (when the response is committed) run on
 *       {@link AsyncSessions}' bounded pool; after the load the application's code goes on on
 *       Reactor's {@linkplain Schedulers#parallel() parallel} scheduler, never on a store thread (after
 *       the commit only the response's headers and the server's write follow).</li>
 *   <li><b>The round trips of every adapter.</b> A request that never asks for its session costs
 *       nothing, a read one round trip, a change two. The ID is checked before any I/O, is never
 *       adopted from the client, and the commit rules, conditional saves and replayed changes are
 *       the core's ({@link io.github.session4j.SessionContext}).</li>
 *   <li><b>{@code changeSessionId()}</b> regenerates the ID at the commit, so the old one is dead
 *       (Spring Security calls it at sign-in; {@link Session4jServerSecurityContextRepository} makes
 *       that sign-in session4j's {@code signIn}, and {@link #sessionContext} gives an application the
 *       request's {@link AsyncSessionContext} for its own); {@code invalidate()} deletes the session and expires
 *       the cookie (sign-out); {@code save()} does nothing, the commit saves; a new session that
 *       stays empty is not stored and gets no cookie, even after {@code start()}.</li>
 *   <li><b>A store failure</b> (or a full queue, {@link io.github.session4j.async.SessionOverloadedException})
 *       becomes a {@link ResponseStatusException} 503: the application's headers and cookies are
 *       dropped (so no {@code Set-Cookie}), and WebFlux's exception handling writes the 503 (every
 *       {@code @EnableWebFlux} or Boot application has a handler for it; a bare
 *       {@code WebHttpHandlerBuilder} needs {@code ResponseStatusExceptionHandler}). A session too
 *       large to store is a 413 the same way.</li>
 * </ul>
 * The cookie is session4j's ({@code SESSION_COOKIE_*} settings), not Spring's
 * {@code WebSessionIdResolver}, which this manager does not use.
 */
public final class Session4jWebSessionManager implements WebSessionManager {

    private static final System.Logger LOG = System.getLogger(Session4jWebSessionManager.class.getName());

    private final AsyncSessions sessions;
    private final Scheduler scheduler;

    /**
     * A manager over a non-blocking path; the application code after a load or commit goes on on
     * Reactor's parallel scheduler.
     *
     * @param sessions the non-blocking path of the application's {@code SessionManager}
     */
    public Session4jWebSessionManager(AsyncSessions sessions) {
        this(sessions, Schedulers.parallel());
    }

    /**
     * A manager over a non-blocking path, going on with the application's code on a given scheduler.
     *
     * @param sessions the non-blocking path of the application's {@code SessionManager}
     * @param scheduler where the code after a store call runs: a non-blocking scheduler
     */
    public Session4jWebSessionManager(AsyncSessions sessions, Scheduler scheduler) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * The exchange's session, loaded on the store threads when the returned {@code Mono} is first
     * subscribed; nothing happens before that.
     *
     * @param exchange the exchange
     * @return the session, or an error: a 503 {@link ResponseStatusException} when the store failed
     */
    @Override
    public Mono<WebSession> getSession(ServerWebExchange exchange) {
        return Mono.defer(() -> {
            AsyncSessionContext context = sessionOf(exchange).context();
            return Mono.fromCompletionStage(context.session())
                    .publishOn(scheduler)
                    .<WebSession>map(session -> new StoreWebSession(context, session, sessions.manager().clock().instant()))
                    .onErrorMap(SessionBackendException.class, Session4jWebSessionManager::unavailable);
        });
    }

    /**
     * The non-blocking path this manager uses.
     *
     * @return the non-blocking path
     */
    public AsyncSessions sessions() {
        return sessions;
    }

    /**
     * The request's session context, with its session loaded (on the store threads, the first time),
     * for the sign-in operations ({@link AsyncSessionContext#signIn}, {@link AsyncSessionContext#signOut},
     * {@link AsyncSessionContext#principal()} ...) and {@link AsyncSessions#endOtherSessions}. What
     * they change is written when the response is committed, as every change of the session.
     *
     * @param exchange an exchange whose {@code WebSessionManager} is a {@code Session4jWebSessionManager}
     * @return the context once loaded, or an error: {@link IllegalStateException} when the exchange's
     *     sessions are not session4j's, a 503 {@link ResponseStatusException} when the store failed
     */
    public static Mono<AsyncSessionContext> sessionContext(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> session instanceof StoreWebSession store
                ? Mono.just(store.context())
                : Mono.error(new IllegalStateException("The exchange's WebSession is a " + session.getClass().getName()
                        + ", not session4j's: register Session4jWebSessionManager as the bean named webSessionManager"
                        + " (session-spring-boot-starter does in a reactive application)")));
    }

    private ExchangeSession sessionOf(ServerWebExchange exchange) {
        synchronized (exchange.getAttributes()) {
            ExchangeSession state = exchange.getAttribute(ExchangeSession.ATTRIBUTE);
            if (state == null) {
                ServerHttpRequest request = exchange.getRequest();
                HttpHeaders headers = request.getHeaders();
                RequestHeaders view = headers::getOrEmpty;
                state = new ExchangeSession(sessions.begin(request.getMethod().name(),
                        request.getPath().pathWithinApplication().value(), view));
                exchange.getAttributes().put(ExchangeSession.ATTRIBUTE, state);
                ExchangeSession registered = state;
                exchange.getResponse().beforeCommit(() -> commit(exchange.getResponse(), registered));
            }
            return state;
        }
    }

    private Mono<Void> commit(ServerHttpResponse response, ExchangeSession state) {
        if (!state.startCommit()) {
            return Mono.empty();
        }
        // no hop back after the commit: only these headers and the server's write follow, which hands the bytes
        // to the connection's event loop; the application's code has run by then
        return Mono.fromCompletionStage(state.context().commit())
                .doOnNext(result -> addHeaders(response, result))
                .then()
                .onErrorResume(SessionBackendException.class, e -> {
                    LOG.log(Level.WARNING, "Session store failed; answering 503: {0}", e.getMessage());
                    dropResponse(response, HttpStatus.SERVICE_UNAVAILABLE);
                    response.getHeaders().set("Retry-After", "1");
                    return Mono.error(unavailable(e));
                })
                .onErrorResume(SessionEncodingException.class, e -> {
                    LOG.log(Level.WARNING, "The session could not be stored; answering 413: {0}", e.getMessage());
                    dropResponse(response, HttpStatus.CONTENT_TOO_LARGE);
                    return Mono.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), e));
                });
    }

    private static void addHeaders(ServerHttpResponse response, CommitResult result) {
        HttpHeaders headers = response.getHeaders();
        for (ResponseHeader header : result.headers()) {
            if (header.name().equalsIgnoreCase(HttpHeaders.SET_COOKIE) || header.name().equalsIgnoreCase(HttpHeaders.VARY)) {
                headers.add(header.name(), header.value());
            } else {
                headers.set(header.name(), header.value());
            }
        }
    }

    /** The application's headers and cookies go: no Set-Cookie may leave with a failed commit. */
    private static void dropResponse(ServerHttpResponse response, HttpStatus status) {
        response.getHeaders().clear();
        response.getCookies().clear();
        response.setStatusCode(status);
        response.getHeaders().setCacheControl("no-store");
    }

    private static ResponseStatusException unavailable(SessionBackendException e) {
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the session store is unavailable; retry shortly", e);
    }
}
