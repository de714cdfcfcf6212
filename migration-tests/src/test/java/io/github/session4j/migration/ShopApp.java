package io.github.session4j.migration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.session4j.Session;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.jdkhttp.SessionFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A small application on the JDK's HTTP server with session4j's filter: users sign in
 * ({@link SessionContext#signIn}: a new ID, the principal in the record), fill a cart, read who
 * they are, and sign out.
 * Restarting it means closing it and starting another on a new {@link SessionManager}.
 */
final class ShopApp implements AutoCloseable {

    private final HttpServer server;
    private final SessionManager manager;

    private ShopApp(HttpServer server, SessionManager manager) {
        this.server = server;
        this.manager = manager;
    }

    static ShopApp start(SessionManager manager) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ShopApp::handle).getFilters().add(new SessionFilter(manager));
        server.start();
        return new ShopApp(server, manager);
    }

    int port() {
        return server.getAddress().getPort();
    }

    SessionManager manager() {
        return manager;
    }

    private static void handle(HttpExchange exchange) throws IOException {
        SessionContext context = SessionFilter.context(exchange);
        Session session = context.session();
        String path = exchange.getRequestURI().getPath();
        String value = parameter(exchange.getRequestURI().getRawQuery());
        String body;
        switch (exchange.getRequestMethod() + " " + path) {
            case "POST /login" -> {
                context.signIn(value); // a new ID, the principal in the record and in the index
                body = "welcome " + value;
            }
            case "POST /cart" -> body = String.valueOf(session.merge("cart", value, (a, b) -> a + "," + b));
            case "GET /me" -> body = context.principal().orElse(null) + "|" + session.get("cart");
            case "POST /logout" -> {
                context.signOut();
                body = "bye";
            }
            default -> body = "no such page";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(body.equals("no such page") ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String parameter(String query) {
        if (query == null) {
            return null;
        }
        int eq = query.indexOf('=');
        return URLDecoder.decode(query.substring(eq + 1), StandardCharsets.UTF_8);
    }

    /** Stops the server and closes the manager (a restart's first half). */
    @Override
    public void close() {
        server.stop(0);
        manager.close();
    }

    @Override
    public String toString() {
        return "ShopApp[" + Objects.requireNonNull(manager.backendName()) + " on " + port() + "]";
    }
}
