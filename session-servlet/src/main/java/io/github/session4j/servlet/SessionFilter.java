package io.github.session4j.servlet;

import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.EventListener;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Jakarta Servlet 6 filter that makes {@code request.getSession()} return a session kept in the
 * configured store (Redis, a database, files ...), so that an existing servlet application gets
 * external sessions without a code change.
 *
 * <h2>Setting it up</h2>
 * In code, with a manager the application owns (the filter does not close it):
 * <pre>{@code
 * SessionManager sessions = SessionManager.create(SessionConfig.load());
 * SessionFilter filter = new SessionFilter(sessions).addListener(new MyHttpSessionListener());
 * // asyncSupported where async servlets run
 * context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
 * }</pre>
 * Or declared in {@code web.xml} (or registered by class), in which case the filter reads its
 * configuration in {@link #init} with {@link SessionConfig#load()} ({@code session.properties} on
 * the web application's class path, the environment, system properties), each init-parameter
 * named like a setting ({@code SESSION_TYPE}, {@code session.redis} ...) overriding those, creates
 * its own {@link SessionManager} and closes it in {@link #destroy()}:
 * <pre>{@code
 * <filter>
 *   <filter-name>session4j</filter-name>
 *   <filter-class>io.github.session4j.servlet.SessionFilter</filter-class>
 *   <async-supported>true</async-supported>
 *   <init-param><param-name>session4j.listeners</param-name><param-value>com.example.AuditListener</param-value></init-param>
 * </filter>
 * <filter-mapping>
 *   <filter-name>session4j</filter-name><url-pattern>/*</url-pattern>
 *   <dispatcher>REQUEST</dispatcher><dispatcher>ASYNC</dispatcher><dispatcher>ERROR</dispatcher>
 * </filter-mapping>
 * }</pre>
 * Map it before any filter that uses the session, for the {@code REQUEST}, {@code ASYNC} and
 * {@code ERROR} dispatches. A forward or include from within a pass keeps that pass's session as
 * it is. An error page (after {@code sendError} or an exception) and an
 * {@code AsyncContext.dispatch()} come after the pass returned, with the container's own request:
 * the filter wraps them again over the same session, which they can read and change (it is saved
 * again before their output goes out). A dispatch the filter is not mapped for reaches the
 * container's own sessions ({@code JSESSIONID}), so map all three.
 *
 * <h2>When the session is saved</h2>
 * Before the response is committed, always: the response's output is held back (up to its buffer
 * size) until the session is committed, so a response flushed early, an error
 * ({@code sendError}), a redirect and a response that fills its buffer or its content length all
 * carry the session's {@code Set-Cookie}. Otherwise the session is committed when the filter chain
 * returns. For an async request that is when its first dispatch returns: the async part may write
 * the response (its output is held back until then) but must make its session changes before
 * {@code startAsync()}'s dispatch returns; later changes throw {@link IllegalStateException}.
 * An {@code AsyncContext.dispatch()} or an error page is a new pass through the filter (see
 * above), whose changes are committed when it returns.
 *
 * <h2>When the store fails, or the session is too large</h2>
 * A {@link SessionBackendException}, when loading the session or saving it, gives a 503 without
 * {@code Set-Cookie} (if the response is not committed yet) and is logged; the application's
 * later output is dropped. A client is never handed a fresh session because the store was down.
 * A session the codec cannot store when it is saved (over {@code SESSION_MAX_SIZE}) gives a 413
 * with the codec's message as plain text, without {@code Set-Cookie}, and is logged: nothing was
 * written, so the stored session stays as it was.
 *
 * <h2>Cross-site requests</h2>
 * An unsafe request ({@code POST}, {@code PUT} ...) from another site ({@code Sec-Fetch-Site:
 * cross-site}, or a foreign {@code Origin}) never creates a session nor gets a {@code Set-Cookie}:
 * a session it creates lives for the request and is dropped, so a form posted from another site
 * cannot replace the user's cookie (see {@link SessionManager#begin(String, String, RequestHeaders)}).
 * With {@code SESSION_CROSS_ORIGIN_PROTECTION=true} every unsafe cross-origin request is answered
 * 403 with a plain-text reason before the chain runs ({@link SessionManager#crossOriginRefusal});
 * bypass patterns are matched against the decoded path below the context path.
 *
 * <h2>Listeners</h2>
 * The container's own {@code HttpSessionListener}s are not reachable portably, so session
 * listeners are registered with the filter: {@link #addListener}, the init-parameter
 * {@value #LISTENERS_PARAM} (comma-separated class names with a public no-argument constructor),
 * or a {@code Collection<? extends EventListener>} stored as the ServletContext attribute
 * {@value #LISTENERS_ATTRIBUTE} before the filter's {@code init}. {@code HttpSessionListener},
 * {@code HttpSessionAttributeListener} and {@code HttpSessionIdListener} are supported:
 * {@code sessionCreated} fires when {@code getSession()} creates a session (a new session that stays
 * empty is never stored, so the next request creates one again); {@code sessionDestroyed} on
 * {@code invalidate()}, while the attributes can still be read; {@code attributeAdded},
 * {@code attributeReplaced} and {@code attributeRemoved} on {@code setAttribute} and
 * {@code removeAttribute} (and for each attribute on {@code invalidate()});
 * {@code sessionIdChanged} on {@code changeSessionId()}. Sessions that expire in the store end
 * without an event: no server watches them. Changes made through the {@link Session} facade fire
 * no events. A listener that throws is logged and never stops the operation.
 *
 * <h2>The {@link Session} facade</h2>
 * {@link #session(HttpServletRequest)} gives the same session as a {@code Map} with {@code pop},
 * {@code merge} (safe under concurrent requests) and typed getters.
 */
public final class SessionFilter implements Filter {

    /** The init-parameter with listener class names, comma-separated. */
    public static final String LISTENERS_PARAM = "session4j.listeners";

    /** The ServletContext attribute that may hold a {@code Collection<? extends EventListener>}. */
    public static final String LISTENERS_ATTRIBUTE = "io.github.session4j.servlet.listeners";

    private static final System.Logger LOG = System.getLogger(SessionFilter.class.getName());

    private static final String CONTEXT_ATTRIBUTE = SessionFilter.class.getName() + ".context";

    private final SessionListeners listeners = new SessionListeners();
    private final boolean ownsManager;
    private SessionManager manager;

    /**
     * Creates a filter that makes its own {@link SessionManager} in {@link #init} from
     * {@link SessionConfig#load()} and its init-parameters, and closes it in {@link #destroy()}.
     * This is the constructor a container uses for a filter declared in {@code web.xml}.
     */
    public SessionFilter() {
        this.ownsManager = true;
    }

    /**
     * Creates a filter over a manager the application owns; the filter never closes it.
     *
     * @param manager the application's session manager
     */
    public SessionFilter(SessionManager manager) {
        this.ownsManager = false;
        useManager(Objects.requireNonNull(manager, "manager"));
    }

    /**
     * Registers a session listener.
     *
     * @param listener an {@code HttpSessionListener}, {@code HttpSessionAttributeListener} or
     *     {@code HttpSessionIdListener} (or several of them)
     * @return this filter
     * @throws IllegalArgumentException if the listener implements none of them
     */
    public SessionFilter addListener(EventListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * The session of a request that passed through a {@code SessionFilter}, as a map-like
     * {@link Session}: the same data as {@code request.getSession()}.
     *
     * @param request the request
     * @return the session, loaded on first use
     * @throws IllegalStateException if the request did not pass through a {@code SessionFilter}
     */
    public static Session session(HttpServletRequest request) {
        return context(request).session();
    }

    /**
     * The session context of a request, for code that needs the session ID (for example to show
     * the stored key with {@link SessionManager#storeKey}) or the sign-in operations:
     *
     * <pre>{@code
     * SessionContext context = SessionFilter.context(request);
     * context.signIn(user.getName());          // new ID, principal recorded and indexed
     * context.setLabel(request.getHeader("User-Agent"));
     * boolean stepUp = context.requiresReauthentication();
     * context.signOut();                       // ends the session
     * }</pre>
     *
     * <p>With {@code SESSION_PRINCIPAL_KEY} set, {@code request.changeSessionId()} signs in as that
     * attribute's value without this (see {@link HttpServletRequest#changeSessionId()} on the
     * filter's request).
     *
     * @param request the request
     * @return the context
     * @throws IllegalStateException if the request did not pass through a {@code SessionFilter}
     */
    public static SessionContext context(HttpServletRequest request) {
        if (request.getAttribute(CONTEXT_ATTRIBUTE) instanceof RequestSessions sessions) {
            return sessions.current();
        }
        throw new IllegalStateException("No session4j session on this request: map io.github.session4j.servlet.SessionFilter "
                + "to this URL, before the code that uses the session");
    }

    /**
     * Creates the session manager (for a filter made with the no-argument constructor) and reads
     * the listeners given as an init-parameter or a ServletContext attribute.
     *
     * @param config the filter's configuration
     * @throws ServletException when a listener class cannot be loaded or made
     * @throws SessionConfigException when the session configuration is invalid
     * @throws SessionBackendException when the store cannot be reached
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (ownsManager) {
            SessionConfig.Builder loader = SessionConfig.builder().standardSources();
            for (String name : Collections.list(config.getInitParameterNames())) {
                if (!name.equals(LISTENERS_PARAM)) {
                    loader.put(name, config.getInitParameter(name));
                }
            }
            useManager(SessionManager.create(loader.build()));
        }
        ListenerClasses.instantiate(config.getInitParameter(LISTENERS_PARAM)).forEach(listeners::add);
        if (config.getServletContext().getAttribute(LISTENERS_ATTRIBUTE) instanceof Collection<?> given) {
            for (Object listener : given) {
                if (!(listener instanceof EventListener eventListener)) {
                    throw new ServletException("ServletContext attribute " + LISTENERS_ATTRIBUTE + " holds a "
                            + (listener == null ? "null" : listener.getClass().getName())
                            + ", which is not a session listener");
                }
                listeners.add(eventListener);
            }
        }
    }

    /** Closes the session manager if this filter created it. */
    @Override
    public void destroy() {
        if (ownsManager && manager != null) {
            manager.close();
        }
    }

    /**
     * Gives the request its store-backed session for this dispatch, and commits the session when
     * the chain returns (or before the response would be committed).
     *
     * <p>The first pass of a request (its {@code REQUEST} dispatch) starts the session. A dispatch
     * from within a pass (a forward or include) keeps that pass's session as it is. A dispatch the
     * container makes after a pass returned (an error page after {@code sendError} or an
     * exception, an {@code AsyncContext.dispatch()}) carries the container's own request again: it
     * is wrapped again, over the same session as the client will hold it after this response, and
     * may read and change it; its changes are committed before its output goes out. This needs
     * the filter mapped for those dispatcher types ({@code ERROR}, {@code ASYNC}); a dispatch that
     * does not pass through the filter reaches the container's own sessions.
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        Object state = request.getAttribute(CONTEXT_ATTRIBUTE);
        if (state != null && (!(state instanceof RequestSessions earlier) || earlier.passRunning())) {
            chain.doFilter(request, response);
            return;
        }
        if (manager == null) {
            throw new IllegalStateException("SessionFilter was not initialized: the container must call init() first");
        }
        RequestSessions sessions;
        SessionContext context;
        if (state instanceof RequestSessions earlier) {
            sessions = earlier;
            context = sessions.continuation();
        } else {
            RequestHeaders headers = name -> {
                Enumeration<String> values = http.getHeaders(name);
                return values == null ? List.of() : Collections.list(values);
            };
            String path = pathWithinApplication(http);
            Optional<String> refusal = manager.crossOriginRefusal(http.getMethod(), path, headers);
            if (refusal.isPresent()) {
                refuse(http, httpResponse, refusal.get());
                return;
            }
            sessions = new RequestSessions(manager, http.getMethod(), path, headers);
            context = sessions.begin();
            request.setAttribute(CONTEXT_ATTRIBUTE, sessions);
        }
        SessionResponse wrappedResponse = new SessionResponse(httpResponse, sessions, context);
        SessionRequest wrappedRequest = new SessionRequest(http, context, wrappedResponse, this, sessions.first());
        if (httpResponse.isCommitted()) {
            // A later dispatch of a response already sent (async output flushed before dispatch()):
            // it can read the session, not change it, since no cookie could go out any more.
            wrappedResponse.finish();
        }
        sessions.enter(wrappedRequest);
        try {
            chain.doFilter(wrappedRequest, wrappedResponse);
        } catch (IOException | ServletException | RuntimeException e) {
            SessionBackendException storeFailure = storeFailure(e);
            if (storeFailure != null) {
                wrappedResponse.fail(storeFailure);
                return;
            }
            try {
                wrappedResponse.finish();
            } catch (IOException | RuntimeException commitFailure) {
                e.addSuppressed(commitFailure);
            }
            throw e;
        } finally {
            sessions.leave();
        }
        wrappedResponse.finish();
    }

    /** The decoded, normalized path below the context path, which bypass patterns are matched against. */
    private static String pathWithinApplication(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /** The cross-origin guard's 403, written directly (not sendError: no error page runs for it). */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, String body) throws IOException {
        LOG.log(System.Logger.Level.INFO, "Refused a cross-origin {0} {1}: {2}", request.getMethod(),
                request.getRequestURI(), body.strip());
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Vary", "Origin, Sec-Fetch-Site");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    SessionListeners listeners() {
        return listeners;
    }

    SessionManager manager() {
        return manager;
    }

    private void useManager(SessionManager sessionManager) {
        this.manager = sessionManager;
    }

    /** The store failure behind an exception, also when the application wrapped it. */
    private static SessionBackendException storeFailure(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SessionBackendException failure) {
                return failure;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
