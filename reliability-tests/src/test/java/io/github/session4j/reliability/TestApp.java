package io.github.session4j.reliability;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.session4j.Session;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.SessionManager;
import io.github.session4j.jdkhttp.SessionFilter;
import io.github.session4j.testkit.CountingSessionInterface;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A small web app on the JDK's {@code HttpServer} with {@link SessionFilter}, over one store, with
 * its own {@code SESSION_KEY_PREFIX}. The backend is wrapped in the kit's
 * {@link CountingSessionInterface}, so tests can count the calls that reach the SPI.
 *
 * <table>
 * <caption>Endpoints (parameters in the query)</caption>
 * <tr><td>/get?k=K</td><td>the value of K, or {@code null}</td></tr>
 * <tr><td>/put?k=K&amp;v=V</td><td>sets K (POST: the body is the value)</td></tr>
 * <tr><td>/login?user=U</td><td>signs in: {@code regenerate()}, then sets {@code user}</td></tr>
 * <tr><td>/logout</td><td>{@code invalidate()}</td></tr>
 * <tr><td>/regenerate</td><td>{@code regenerate()}</td></tr>
 * <tr><td>/created</td><td>the session's creation time</td></tr>
 * <tr><td>/size</td><td>how many keys the session holds</td></tr>
 * <tr><td>/nest?depth=N</td><td>sets {@code nested} to N lists inside each other</td></tr>
 * <tr><td>/hold?gate=G&amp;then=put|regenerate&amp;k=K&amp;v=V</td><td>loads the session, waits at gate G, then acts</td></tr>
 * <tr><td>/late-get?gate=G&amp;k=K</td><td>waits at gate G, then reads K (asks the filter for the session only then)</td></tr>
 * <tr><td>/signin?user=U</td><td>{@code SessionContext.signIn(U)} (issue 20)</td></tr>
 * <tr><td>/signout</td><td>{@code SessionContext.signOut()}</td></tr>
 * <tr><td>/whoami</td><td>the principal signed in, or {@code anonymous}</td></tr>
 * <tr><td>/end-others</td><td>"sign out everywhere else": {@code SessionManager.endOtherSessions}, answers how many</td></tr>
 * <tr><td>/health</td><td>never touches the session</td></tr>
 * </table>
 *
 * <p>A value or session the codec refuses ({@link SessionEncodingException}) is answered with a
 * 413 carrying the message. Every exception an endpoint or the filter throws is recorded for
 * item 18.
 */
final class TestApp implements AutoCloseable {

    private final Store store;
    private final String prefix;
    private final SessionManager manager;
    private final CountingSessionInterface counted;
    private final HttpServer server;
    private final ThreadPoolExecutor handlers;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final boolean ownsPrefix;

    private TestApp(Store store, String prefix, boolean ownsPrefix, SessionManager manager,
                    CountingSessionInterface counted) throws IOException {
        this.store = store;
        this.prefix = prefix;
        this.ownsPrefix = ownsPrefix;
        this.manager = manager;
        this.counted = counted;
        this.handlers = new ThreadPoolExecutor(32, 32, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(handlers);
        route("/get", exchange -> respond(exchange, text(SessionFilter.session(exchange).get(param(exchange, "k")))));
        route("/put", exchange -> {
            String value = "POST".equals(exchange.getRequestMethod())
                    ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : param(exchange, "v");
            SessionFilter.session(exchange).put(param(exchange, "k"), value);
            respond(exchange, "ok");
        });
        route("/login", exchange -> {
            Session session = SessionFilter.session(exchange);
            session.regenerate();
            session.put("user", param(exchange, "user"));
            respond(exchange, "welcome");
        });
        route("/incr", exchange -> respond(exchange, Long.toString(increment(SessionFilter.session(exchange)))));
        route("/logout", exchange -> {
            SessionFilter.session(exchange).invalidate();
            respond(exchange, "bye");
        });
        route("/regenerate", exchange -> {
            SessionFilter.session(exchange).regenerate();
            respond(exchange, "regenerated");
        });
        route("/created", exchange -> respond(exchange, SessionFilter.session(exchange).creationTime().toString()));
        route("/size", exchange -> respond(exchange, Integer.toString(SessionFilter.session(exchange).size())));
        route("/nest", exchange -> {
            Object nested = "leaf";
            for (int i = Integer.parseInt(param(exchange, "depth")); i > 0; i--) {
                nested = List.of(nested);
            }
            SessionFilter.session(exchange).put("nested", nested);
            respond(exchange, "ok");
        });
        route("/hold", exchange -> {
            Session session = SessionFilter.session(exchange);
            session.get("user"); // loads the session before waiting
            gates.get(param(exchange, "gate")).pass();
            String then = param(exchange, "then");
            if ("regenerate".equals(then)) {
                session.regenerate();
            } else if ("incr".equals(then)) {
                respond(exchange, Long.toString(increment(session)));
                return;
            } else if ("login".equals(then)) {
                session.regenerate();
                session.put("user", param(exchange, "user"));
            } else {
                session.put(param(exchange, "k"), param(exchange, "v"));
            }
            respond(exchange, "done");
        });
        route("/late-get", exchange -> {
            gates.get(param(exchange, "gate")).pass();
            respond(exchange, text(SessionFilter.session(exchange).get(param(exchange, "k"))));
        });
        route("/signin", exchange -> {
            SessionFilter.context(exchange).signIn(param(exchange, "user"));
            respond(exchange, "welcome");
        });
        route("/signout", exchange -> {
            SessionFilter.context(exchange).signOut();
            respond(exchange, "bye");
        });
        route("/whoami", exchange -> respond(exchange, SessionFilter.context(exchange).principal().orElse("anonymous")));
        route("/end-others", exchange -> respond(exchange,
                Integer.toString(manager.endOtherSessions(SessionFilter.context(exchange)))));
        route("/health", exchange -> respond(exchange, "ok"));
        server.start();
    }

    /** Adds one to the session's {@code n} (a {@code Long} kept as text) and returns the new value. */
    private static long increment(Session session) {
        Object n = session.get("n");
        long next = (n == null ? 0L : Long.parseLong(n.toString())) + 1;
        session.put("n", Long.toString(next));
        return next;
    }

    /**
     * Starts an app over a store with default settings.
     *
     * @param store the store
     * @return the running app
     */
    static TestApp start(Store store) {
        return start(store, Map.of(), Clock.systemUTC());
    }

    /**
     * Starts an app over a store, with a key prefix of its own.
     *
     * @param store the store
     * @param settings settings on top of the store's
     * @param clock the clock of the configuration
     * @return the running app
     */
    static TestApp start(Store store, Map<String, String> settings, Clock clock) {
        return start(store, settings, clock, newPrefix(), true);
    }

    /**
     * Starts another app over this app's store and sessions (same key prefix), with other
     * settings, such as a rotated key. It leaves the sessions to this app to clean up.
     *
     * @param settings settings on top of the store's
     * @return the running app
     */
    TestApp sibling(Map<String, String> settings) {
        return start(store, settings, Clock.systemUTC(), prefix, false);
    }

    private static TestApp start(Store store, Map<String, String> settings, Clock clock, String prefix, boolean owner) {
        Map<String, String> all = new HashMap<>(store.settings());
        all.put("SESSION_TYPE", store.type());
        all.putAll(settings);
        all.put("SESSION_KEY_PREFIX", prefix);
        SessionConfig config = SessionConfig.builder().putAll(all).build();
        CountingSessionInterface counted = new CountingSessionInterface(store.open(config, clock));
        try {
            SessionManager manager = SessionManager.builder(config).clock(clock).backend(store.type(), counted).build();
            return new TestApp(store, prefix, owner, manager, counted);
        } catch (IOException | RuntimeException e) {
            counted.close();
            SuiteCapture.exception(e);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** @return a key prefix no other app uses */
    static String newPrefix() {
        byte[] bytes = new byte[5];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "rel" + HexFormat.of().formatHex(bytes) + ":";
    }

    /** @return a client of this app */
    Browser browser() {
        return new Browser(server.getAddress().getPort());
    }

    /** @return a browser of its own (its own HTTP client and cookie jar) on this app */
    CookieJarBrowser cookieJarBrowser() {
        return new CookieJarBrowser(server.getAddress().getPort());
    }

    /** @return the store the app runs over */
    Store store() {
        return store;
    }

    /** @return the app's session manager */
    SessionManager manager() {
        return manager;
    }

    /** @return the calls that reached the backend through the SPI so far */
    long storeCalls() {
        return counted.count();
    }

    /** @return the app's key prefix */
    String prefix() {
        return prefix;
    }

    /** @return the handler threads, to see whether requests are stuck */
    ThreadPoolExecutor handlers() {
        return handlers;
    }

    /**
     * The store key of a session ID.
     *
     * @param id the ID
     * @return the key
     */
    String storeKey(String id) {
        return manager.storeKey(id);
    }

    /**
     * A gate that {@code /hold?gate=name} requests wait at.
     *
     * @param name the gate's name
     * @param parties how many requests the test expects there
     * @return the gate
     */
    Gate gate(String name, int parties) {
        Gate gate = new Gate(parties);
        gates.put(name, gate);
        return gate;
    }

    /**
     * Records and (unless it is a {@link #sibling}) deletes what the app left in its store, then
     * stops the server and the manager.
     */
    @Override
    public void close() {
        try {
            List<String> keys = new ArrayList<>(store.sideDoor().keys(prefix));
            SuiteCapture.storeKeys(keys);
            if (ownsPrefix) {
                keys.forEach(counted::delete);
            }
        } finally {
            server.stop(0);
            handlers.shutdownNow();
            manager.close();
        }
    }

    private void route(String path, HttpHandler handler) {
        HttpContext context = server.createContext(path, handler);
        context.getFilters().add(new RecordingFilter());
        context.getFilters().add(new SessionFilter(manager));
    }

    private static String param(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }

    /** Sends the body; a session the codec refuses at commit becomes a 413 with the message. */
    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(200, bytes.length);
        } catch (SessionEncodingException e) {
            refuse(exchange, e);
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void refuse(HttpExchange exchange, SessionEncodingException e) throws IOException {
        SuiteCapture.exception(e);
        byte[] bytes = e.getMessage().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().remove("Set-Cookie");
        exchange.sendResponseHeaders(413, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Outermost filter: records every exception, and turns a value the codec refuses into a 413. */
    private static final class RecordingFilter extends Filter {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            try {
                chain.doFilter(exchange);
            } catch (SessionEncodingException e) {
                refuse(exchange, e);
            } catch (IOException | RuntimeException | Error e) {
                SuiteCapture.exception(e);
                throw e;
            } finally {
                exchange.close();
            }
        }

        @Override
        public String description() {
            return "records exceptions for the suite";
        }
    }
}
