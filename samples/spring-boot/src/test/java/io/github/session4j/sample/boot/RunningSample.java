package io.github.session4j.sample.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample started in this JVM as {@code java -jar} would start it: one profile, the store's
 * address as command-line arguments (which win over {@code application-<profile>.properties}).
 * {@link #restart()} closes the whole context (web server, session manager, pools) and starts a new
 * one on the same port over the same store, as a redeployed instance would.
 */
final class RunningSample implements AutoCloseable {

    private final String profile;
    private final Map<String, String> arguments;
    private ConfigurableApplicationContext context;
    private int port;
    private int starts;

    RunningSample(String profile, Map<String, String> arguments) {
        this.profile = profile;
        this.arguments = Map.copyOf(arguments);
        start(0);
    }

    private void start(int onPort) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + onPort);
        args.add("--server.address=127.0.0.1");
        arguments.forEach((key, value) -> args.add("--" + key + "=" + value));
        context = new SpringApplicationBuilder(SampleApplication.class).main(SampleApplication.class).profiles(profile)
                .run(args.toArray(String[]::new));
        port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        starts++;
    }

    /** Stops the app and starts it again on the same port and store. */
    void restart() {
        context.close();
        start(port);
    }

    /** How many times the app was started, restarts included. */
    int starts() {
        return starts;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        context.close();
    }
}
