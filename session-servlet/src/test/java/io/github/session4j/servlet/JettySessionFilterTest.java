package io.github.session4j.servlet;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The servlet contract in embedded Jetty 12 (ee10). */
class JettySessionFilterTest extends ServletContainerContractTest {

    @Override
    protected RunningServer start(ServerSetup setup) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        // With a session handler, as Spring Boot's Jetty has: the container could make sessions of its own.
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        setup.contextAttributes().forEach(context::setAttribute);
        FilterHolder first = new FilterHolder(new DispatchReturnedFilter());
        first.setAsyncSupported(true);
        context.addFilter(first, "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder filter = setup.filter() != null ? new FilterHolder(setup.filter()) : new FilterHolder(SessionFilter.class);
        filter.setInitParameters(setup.initParams());
        filter.setAsyncSupported(true);
        EnumSet<DispatcherType> dispatches = EnumSet.noneOf(DispatcherType.class);
        SESSION_FILTER_DISPATCHES.forEach(name -> dispatches.add(DispatcherType.valueOf(name)));
        context.addFilter(filter, "/*", dispatches);
        ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
        ERROR_PAGES.forEach(errorPages::addErrorPage);
        errorPages.addErrorPage(Throwable.class, EXCEPTION_PAGE);
        context.setErrorHandler(errorPages);
        ServletHolder servlet = new ServletHolder(setup.servlet());
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/probe/*");
        server.setHandler(context);
        server.start();

        int port = connector.getLocalPort();
        return new RunningServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("the server did not stop", e);
                }
            }
        };
    }
}
