package io.github.session4j.demo;

import io.github.session4j.ProviderDiscovery;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;

/**
 * The demo started in this JVM with a given configuration, restartable on the same port: a
 * restart stops Jetty and closes the session manager, then makes both anew over the same store,
 * as a new process would.
 */
final class RunningDemo implements AutoCloseable {

    private final SessionConfig config;
    private final SignInThrottle throttle;
    private final java.time.Clock sessionClock;
    private SessionManager manager;
    private DemoServer server;
    private int port;

    RunningDemo(SessionConfig config) throws Exception {
        this(config, java.time.Clock.systemUTC());
    }

    /** The demo with a sign-in throttle on this clock, kept over restarts. */
    RunningDemo(SessionConfig config, java.time.Clock throttleClock) throws Exception {
        this(config, throttleClock, null);
    }

    /** The demo with a sign-in throttle on one clock and the session manager on another (null: the system's). */
    RunningDemo(SessionConfig config, java.time.Clock throttleClock, java.time.Clock sessionClock) throws Exception {
        this.config = config;
        this.throttle = new SignInThrottle(throttleClock);
        this.sessionClock = sessionClock;
        start(0);
    }

    private void start(int onPort) throws Exception {
        manager = sessionClock == null ? SessionManager.create(config)
                : SessionManager.builder(config).provider(ProviderDiscovery.select(config, getClass().getClassLoader()))
                        .clock(sessionClock).build();
        server = DemoServer.start(manager, "127.0.0.1", onPort, throttle);
        port = server.port();
    }

    void restart() throws Exception {
        close();
        start(port);
    }

    int port() {
        return port;
    }

    SessionManager manager() {
        return manager;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        server.close();
        manager.close();
    }
}
