package io.github.session4j.dynamodb;

import io.github.session4j.servers.DynamoDbSideDoor;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The contract kit against a real DynamoDB, run when {@value TestTables#ENDPOINT} holds its
 * endpoint, in a table of its own that it deletes at the end; every test is reported as skipped,
 * with the reason, when it does not. The round trips are the kit's default count of SPI calls;
 * {@link DynamoDbBudgetTest} shows on dynalite that each call is one request.
 */
class RealDynamoDbCompatibilityTest extends SessionInterfaceCompatibilityKit {

    private static final String TABLE = TestTables.newName("kit");
    private static DynamoDbClient client;

    @BeforeEach
    void requireRealDynamoDb() {
        Assumptions.assumeTrue(TestTables.realEndpoint().isPresent(), TestTables.NOT_SET);
    }

    @AfterAll
    static void dropTable() {
        if (client != null) {
            try (DynamoDbClient closing = client) {
                closing.deleteTable(b -> b.tableName(TABLE));
            }
        }
    }

    private static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbSideDoor.client(TestTables.realEndpoint().orElseThrow(), TestTables.realRegion());
        }
        return client;
    }

    @Override
    protected SessionInterfaceProvider provider() {
        return new DynamoDbSessionInterfaceProvider();
    }

    @Override
    protected Map<String, String> backendSettings() {
        return Map.of("SESSION_DYNAMODB", TestTables.realEndpoint().orElseThrow(),
                "SESSION_DYNAMODB_REGION", TestTables.realRegion(), "SESSION_DYNAMODB_TABLE", TABLE);
    }

    @Override
    protected SideDoor sideDoor() {
        return new DynamoDbSideDoor(client(), TABLE, clock());
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.CLOCK;
    }
}
