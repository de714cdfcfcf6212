package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.servers.ServerProcess;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A store whose server is a process of the suite's own (redis-server, memcached): it expires
 * records by real time, can be stopped for outage tests, and is reached through one address
 * setting. Subclasses say how a port becomes settings and how to read the store directly.
 */
abstract class ServerProcessStore extends Store {

    private final String type;
    private final Supplier<ServerProcess> starter;
    private final SessionInterfaceProvider provider;
    final ServerProcess server;

    /**
     * A store on a server of its kind.
     *
     * @param type the {@code SESSION_TYPE}
     * @param shared the server this JVM's tests share
     * @param starter starts a server of the test's own, for an outage
     * @param provider the backend's provider
     */
    ServerProcessStore(String type, ServerProcess shared, Supplier<ServerProcess> starter,
            SessionInterfaceProvider provider) {
        this.type = type;
        this.starter = starter;
        this.provider = provider;
        this.server = shared;
    }

    @Override
    abstract Map<String, String> settingsForPort(int port);

    @Override
    String label() {
        return type;
    }

    @Override
    String type() {
        return type;
    }

    @Override
    Map<String, String> settings() {
        return settingsForPort(server.port());
    }

    @Override
    Optional<Integer> port() {
        return Optional.of(server.port());
    }

    @Override
    boolean followsConfigClock() {
        return false;
    }

    @Override
    SessionInterface open(SessionConfig config, Clock clock) {
        return provider.create(BackendContext.validate(provider, config, clock));
    }

    @Override
    boolean canStop() {
        return true;
    }

    @Override
    Outage outage() {
        ServerProcess own = starter.get();
        return Outage.of(own, settingsForPort(own.port()));
    }
}
