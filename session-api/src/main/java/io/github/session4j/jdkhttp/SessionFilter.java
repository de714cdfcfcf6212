package io.github.session4j.jdkhttp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gives handlers of the JDK's built-in {@code com.sun.net.httpserver.HttpServer} a
 * {@link Session}: add the filter to a context, and read the session in a handler with
 * {@link #session(HttpExchange)}.
 *
 * <pre>{@code
 * HttpContext context = server.createContext("/", handler);
 * context.getFilters().add(new SessionFilter(sessionManager));
 * // in the handler:
 * Session session = SessionFilter.session(exchange);
 * }</pre>
 *
 * <p>The session is committed when the handler calls {@code sendResponseHeaders}, so that its
 * {@code Set-Cookie} can still be added. If the store fails (at the load or at the commit), the
 * client gets a 503 without {@code Set-Cookie} instead of a fresh session.
 *
 * <p>The session travels with the exchange object the filter hands down the chain (on JDK 17,
 * exchange attributes are shared by every request of an {@code HttpContext}, so they cannot carry
 * it). A filter placed after this one that replaces the exchange with a wrapper of its own therefore
 * hides the session from the handler: put {@code SessionFilter} last.
 *
 * <p>An unsafe request from another site never gets a new session nor a {@code Set-Cookie}
 * ({@link SessionManager#begin(String, String, RequestHeaders)}). With
 * {@code SESSION_CROSS_ORIGIN_PROTECTION=true} an unsafe cross-origin request is answered 403
 * with a plain-text reason before the handler runs ({@link SessionManager#crossOriginRefusal});
 * bypass patterns are matched against the request's whole decoded path.
 *
 * <p>Run the server with {@code -Dsun.net.httpserver.nodelay=true}: without it the JDK's server
 * leaves Nagle's algorithm on and each response waits about 40 ms on loopback.
 */
public final class SessionFilter extends Filter {

    private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());

    private final SessionManager manager;

    /**
     * Creates the filter.
     *
     * @param manager the application's session manager; the filter does not close it
     */
    public SessionFilter(SessionManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    /**
     * The session of the exchange a handler is serving.
     *
     * @param exchange the exchange passed to the handler
     * @return the session, loaded on first use
     * @throws IllegalStateException if the exchange did not pass through a {@link SessionFilter}
     */
    public static Session session(HttpExchange exchange) {
        return context(exchange).session();
    }

    /**
     * The session context of the exchange, for handlers that need the session ID.
     *
     * @param exchange the exchange passed to the handler
     * @return the context
     * @throws IllegalStateException if the exchange did not pass through a {@link SessionFilter}
     */
    public static SessionContext context(HttpExchange exchange) {
        if (exchange instanceof SessionExchange wrapped) {
            return wrapped.context();
        }
        throw new IllegalStateException("No session on this exchange: add a SessionFilter to the HttpContext "
                + "(context.getFilters().add(new SessionFilter(manager))).");
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        RequestHeaders headers = name -> {
            List<String> values = exchange.getRequestHeaders().get(name);
            return values == null ? List.of() : values;
        };
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Optional<String> refusal = manager.crossOriginRefusal(method, path, headers);
        if (refusal.isPresent()) {
            refuse(exchange, refusal.get());
            return;
        }
        SessionContext context = manager.begin(method, path, headers);
        SessionExchange wrapped = new SessionExchange(exchange, context);
        try {
            chain.doFilter(wrapped);
            wrapped.commitIfPending();
        } catch (SessionBackendException e) {
            LOG.log(Level.WARNING, "Session store failed; answering 503: {0}", e.getMessage());
            wrapped.sendUnavailableIfPossible();
        }
    }

    /** The cross-origin guard's 403: the application never sees the request. */
    private static void refuse(HttpExchange exchange, String body) throws IOException {
        LOG.log(Level.INFO, "Refused a cross-origin {0} {1}: {2}", exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), body.strip());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Headers response = exchange.getResponseHeaders();
        response.set("Content-Type", "text/plain; charset=utf-8");
        response.set("Cache-Control", "no-store");
        response.set("Vary", "Origin, Sec-Fetch-Site");
        exchange.sendResponseHeaders(403, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public String description() {
        return "session4j session (" + manager.backendName() + ")";
    }
}
