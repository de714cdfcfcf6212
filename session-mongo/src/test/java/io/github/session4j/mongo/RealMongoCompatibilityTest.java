package io.github.session4j.mongo;

import io.github.session4j.servers.MongoTestDatabase;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract kit against a real MongoDB, run when {@value RealMongo#VARIABLE} holds its
 * connection string; every test is reported as skipped, with the reason, when it does not.
 *
 * <p>The round trips are the kit's default count of SPI calls: a real server's
 * {@code serverStatus} opcounters also count the driver's monitoring and every other client.
 * Each SPI call is one command, as {@link MongoBudgetTest} shows with the server's own count.
 */
class RealMongoCompatibilityTest extends SessionInterfaceCompatibilityKit {

    private static MongoTestDatabase database;

    @BeforeEach
    void requireRealMongo() {
        Assumptions.assumeTrue(RealMongo.uri().isPresent(), RealMongo.NOT_SET);
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private static synchronized MongoTestDatabase database() {
        if (database == null) {
            database = new MongoTestDatabase(RealMongo.uri().orElseThrow());
        }
        return database;
    }

    @Override
    protected SessionInterfaceProvider provider() {
        return new MongoSessionInterfaceProvider();
    }

    @Override
    protected Map<String, String> backendSettings() {
        return Map.of("SESSION_MONGODB", database().connectionString(), "SESSION_MONGODB_DB", database().name());
    }

    @Override
    protected SideDoor sideDoor() {
        return PrincipalFields.sideDoor(database().collection(MongoSettings.DEFAULT_COLLECT), clock());
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.CLOCK;
    }
}
