package io.github.session4j.dynamodb;

import io.github.session4j.servers.DynaliteServer;
import io.github.session4j.servers.DynamoDbSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.RoundTripCounter;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The contract kit against dynalite, the mandatory run (DESIGN.md §7), in a table of this class's
 * own. The round trips are counted on the way to the server: the item requests dynalite's relay
 * passed on, leaving out the table's description at a backend's start-up, which the kit's budget
 * tests may include when they open their {@code SessionManager} inside the measured request.
 * {@link DynamoDbBudgetTest} counts the start-up requests.
 */
class DynamoDbCompatibilityTest extends SessionInterfaceCompatibilityKit {

    private static final DynaliteServer SERVER = TestServers.dynalite();
    private static final String TABLE = "kit_" + Long.toHexString(System.nanoTime());
    private static final DynamoDbClient CLIENT = DynamoDbSideDoor.client(SERVER.endpoint(), DynaliteServer.REGION);

    @AfterAll
    static void dropTable() {
        try (CLIENT) {
            CLIENT.deleteTable(b -> b.tableName(TABLE));
        }
    }

    @Override
    protected SessionInterfaceProvider provider() {
        return new DynamoDbSessionInterfaceProvider();
    }

    @Override
    protected Map<String, String> backendSettings() {
        return Map.of("SESSION_DYNAMODB", SERVER.endpoint(), "SESSION_DYNAMODB_REGION", DynaliteServer.REGION,
                "SESSION_DYNAMODB_TABLE", TABLE);
    }

    @Override
    protected SideDoor sideDoor() {
        return new DynamoDbSideDoor(CLIENT, TABLE, clock());
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.CLOCK;
    }

    @Override
    protected RoundTripCounter roundTripCounter() {
        return SERVER::itemRequests;
    }
}
