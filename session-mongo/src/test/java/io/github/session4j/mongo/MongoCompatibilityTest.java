package io.github.session4j.mongo;

import io.github.session4j.servers.MongoJavaServer;
import io.github.session4j.servers.MongoTestDatabase;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.RoundTripCounter;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The contract kit against mongo-java-server, the mandatory run (DESIGN.md §7). The round trips
 * are counted by the server: the commands it handled on this test's database, except the
 * {@code ping} and {@code createIndexes} of a backend's start-up, which the kit's budget tests
 * may include when they open their {@code SessionManager} inside the measured request.
 * {@link MongoBudgetTest} counts the start-up commands.
 */
class MongoCompatibilityTest extends SessionInterfaceCompatibilityKit {

    private static final MongoJavaServer SERVER = TestServers.mongo();
    private static final MongoTestDatabase DATABASE = new MongoTestDatabase(SERVER.connectionString());

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @Override
    protected SessionInterfaceProvider provider() {
        return new MongoSessionInterfaceProvider();
    }

    @Override
    protected Map<String, String> backendSettings() {
        return Map.of("SESSION_MONGODB", DATABASE.connectionString(), "SESSION_MONGODB_DB", DATABASE.name());
    }

    @Override
    protected SideDoor sideDoor() {
        return PrincipalFields.sideDoor(DATABASE.collection(MongoSettings.DEFAULT_COLLECT), clock());
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.CLOCK;
    }

    @Override
    protected RoundTripCounter roundTripCounter() {
        return () -> SERVER.sessionCommands(DATABASE.name());
    }
}
