package io.github.session4j.demo;

import io.github.session4j.SessionManager;
import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The demo web app on embedded Jetty 12, with every page behind the session4j servlet filter.
 * Closing it stops Jetty; the session manager belongs to the caller.
 */
public final class DemoServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private DemoServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the app.
     *
     * @param manager the session manager the filter uses; not closed by the server
     * @param host the address to listen on, such as {@code 0.0.0.0} or {@code 127.0.0.1}
     * @param port the port, or 0 for a free one
     * @return the running server
     * @throws Exception when Jetty cannot start (for example because the port is taken)
     */
    public static DemoServer start(SessionManager manager, String host, int port) throws Exception {
        return start(manager, host, port, new SignInThrottle(Clock.systemUTC()));
    }

    /**
     * Starts the app with a sign-in throttle of the caller's (tests give it a clock of their own).
     *
     * @param manager the session manager the filter uses; not closed by the server
     * @param host the address to listen on
     * @param port the port, or 0 for a free one
     * @param throttle the sign-in throttle
     * @return the running server
     * @throws Exception when Jetty cannot start
     */
    static DemoServer start(SessionManager manager, String host, int port, SignInThrottle throttle) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // error pages say the status only: no server name, version or stack
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        context.setErrorHandler(errors);
        server.setErrorHandler(errors);
        context.addFilter(new FilterHolder(new RequestLimits()), "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder sessions = new FilterHolder(new SessionFilter(manager));
        sessions.setAsyncSupported(true);
        context.addFilter(sessions, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        add(context, new HomeServlet(), "/");
        add(context, new SignInServlet(throttle), "/login");
        add(context, new DashboardServlet(), "/dashboard");
        add(context, new SessionPageServlet(), "/session");
        add(context, new InspectServlet(manager), "/inspect");
        add(context, new SignOutServlet(), "/logout");
        add(context, new HealthServlet(manager.backendName()), "/health");
        add(context, new ApiSessionServlet(), "/api/session", "/api/session/*");
        add(context, new CounterServlet(), "/api/counter");
        add(context, new SessionsServlet(manager), "/sessions");
        add(context, new ApiSessionsServlet(manager), "/api/sessions", "/api/sessions/*");
        server.setHandler(context);
        server.setStopAtShutdown(false);
        server.start();
        return new DemoServer(server, connector);
    }

    private static void add(ServletContextHandler context, HttpServlet servlet, String... paths) {
        ServletHolder holder = new ServletHolder(servlet);
        for (String path : paths) {
            context.addServlet(holder, path);
        }
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops Jetty. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop cleanly", e);
        }
    }
}
