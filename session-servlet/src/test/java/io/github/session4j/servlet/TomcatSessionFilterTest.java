package io.github.session4j.servlet;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.io.TempDir;

/** The servlet contract in embedded Tomcat 11. */
class TomcatSessionFilterTest extends ServletContainerContractTest {

    @TempDir
    Path baseDir;

    @Override
    protected RunningServer start(ServerSetup setup) throws Exception {
        Tomcat tomcat = new Tomcat();
        Path base = Files.createTempDirectory(baseDir, "tomcat");
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", base.toString());
        context.addServletContainerInitializer((classes, servletContext) ->
                setup.contextAttributes().forEach(servletContext::setAttribute), null);
        FilterDef first = new FilterDef();
        first.setFilterName("dispatch-returned");
        first.setFilter(new DispatchReturnedFilter());
        first.setAsyncSupported("true");
        context.addFilterDef(first);
        FilterMap firstMapping = new FilterMap();
        firstMapping.setFilterName("dispatch-returned");
        firstMapping.addURLPattern("/*");
        context.addFilterMap(firstMapping);
        FilterDef filter = new FilterDef();
        filter.setFilterName("session4j");
        if (setup.filter() != null) {
            filter.setFilter(setup.filter());
        } else {
            filter.setFilterClass(SessionFilter.class.getName());
        }
        setup.initParams().forEach(filter::addInitParameter);
        filter.setAsyncSupported("true");
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("session4j");
        mapping.addURLPattern("/*");
        for (String dispatcherType : SESSION_FILTER_DISPATCHES) {
            mapping.setDispatcher(dispatcherType);
        }
        context.addFilterMap(mapping);
        ERROR_PAGES.forEach((status, location) -> {
            ErrorPage page = new ErrorPage();
            page.setErrorCode(status);
            page.setLocation(location);
            context.addErrorPage(page);
        });
        ErrorPage exceptions = new ErrorPage();
        exceptions.setExceptionType(Throwable.class.getName());
        exceptions.setLocation(EXCEPTION_PAGE);
        context.addErrorPage(exceptions);
        Wrapper servlet = Tomcat.addServlet(context, "probe", setup.servlet());
        servlet.setAsyncSupported(true);
        context.addServletMapping("/probe/*", "probe");
        tomcat.start();

        int port = connector.getLocalPort();
        return new RunningServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                try {
                    tomcat.stop();
                    tomcat.destroy();
                } catch (Exception e) {
                    throw new IllegalStateException("the server did not stop", e);
                }
            }
        };
    }
}
