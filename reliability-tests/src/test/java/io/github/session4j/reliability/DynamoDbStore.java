package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.dynamodb.DynamoDbSessionInterfaceProvider;
import io.github.session4j.servers.DynaliteServer;
import io.github.session4j.servers.DynamoDbSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB, played by dynalite (npm, an open-source DynamoDB implementation; DESIGN.md section 7)
 * on a loopback port: the test JVM's ({@link TestServers#dynalite()}), and for outages one of the
 * test's own that keeps its tables on disk, so that it comes back with them as DynamoDB would. The
 * table is created by the backend at its first start-up; the side door is an SDK client of the
 * test's own ({@link DynamoDbSideDoor}). The SDK's credentials are the system properties the
 * suite's Surefire configuration sets (dynalite accepts any).
 */
final class DynamoDbStore extends Store {

    private static final String TABLE = "reliability";

    private final DynaliteServer server = TestServers.dynalite();
    private final DynamoDbClient client = DynamoDbSideDoor.client(server.directEndpoint(), DynaliteServer.REGION);

    DynamoDbStore() {
        // the side door reads the table before any app has opened the backend that creates it
        open(SessionConfig.builder().putAll(settings()).build(), Clock.systemUTC()).close();
    }

    @Override
    String label() {
        return "dynamodb";
    }

    @Override
    String type() {
        return "dynamodb";
    }

    @Override
    Map<String, String> settings() {
        return settingsFor(server.directEndpoint());
    }

    private static Map<String, String> settingsFor(String endpoint) {
        return Map.of("SESSION_DYNAMODB", endpoint, "SESSION_DYNAMODB_REGION", DynaliteServer.REGION,
                "SESSION_DYNAMODB_TABLE", TABLE);
    }

    @Override
    boolean followsConfigClock() {
        return true;
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of("SESSION_DYNAMODB_TIMEOUT", timeout.toMillis() + "ms",
                "SESSION_DYNAMODB_CONNECT_TIMEOUT", timeout.toMillis() + "ms");
    }

    @Override
    SessionInterface open(SessionConfig config, Clock clock) {
        DynamoDbSessionInterfaceProvider provider = new DynamoDbSessionInterfaceProvider();
        return provider.create(BackendContext.validate(provider, config, clock));
    }

    /** dynalite is one Node.js process that works through its requests one at a time. */
    @Override
    boolean slowRoundTrips() {
        return true;
    }

    @Override
    boolean canStop() {
        return true;
    }

    @Override
    Outage outage() {
        DynaliteServer own = DynaliteServer.startPersistent();
        return new Outage() {
            @Override
            public Map<String, String> settings() {
                return settingsFor(own.endpoint());
            }

            @Override
            public void stop() {
                own.stop();
            }

            @Override
            public void start() {
                own.restart();
            }

            @Override
            public void close() {
                own.close();
            }
        };
    }

    @Override
    Optional<Integer> port() {
        return Optional.of(server.process().port());
    }

    @Override
    Map<String, String> settingsForPort(int port) {
        return settingsFor("http://127.0.0.1:" + port);
    }

    @Override
    SideDoor sideDoor() {
        return new DynamoDbSideDoor(client, TABLE, Clock.systemUTC());
    }
}
