package io.github.session4j.demo;

import io.github.session4j.SessionManager;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the demo: the session backend from {@code session.properties} (overridable by
 * environment variables such as {@code SESSION_TYPE=redis SESSION_REDIS=redis://127.0.0.1:6379}),
 * on the port in {@code PORT} (default 8080), with the settings profile {@code DEMO_PROFILE}
 * ({@link DemoProfile}: {@code development} or {@code production}). Stops cleanly on Ctrl-C.
 */
public final class DemoApp {

    private DemoApp() {
    }

    /**
     * Runs the demo until the JVM is asked to stop.
     *
     * @param args unused
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = port(System.getenv("PORT"));
        SessionManager manager = SessionManager.create(DemoProfile.config(System.getenv()));
        DemoServer server = DemoServer.start(manager, "0.0.0.0", port);
        System.out.printf("session4j demo on http://localhost:%d/ with SESSION_TYPE=%s, cookie %s (sign in as ada / ada-lovelace-1815)%n",
                server.port(), manager.backendName(), manager.settings().cookieName());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            manager.close();
            stopped.countDown();
        }, "demo-shutdown"));
        stopped.await();
    }

    static int port(String value) {
        if (value == null || value.isBlank()) {
            return 8080;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("PORT was '" + value + "' but it must be a port number between 0 and 65535");
    }
}
