package io.github.session4j.dynamodb;

import io.github.session4j.servers.DynaliteServer;
import io.github.session4j.servers.TestServers;
import io.github.session4j.testkit.RecordScannerContract;
import java.util.Map;

/** The DynamoDB backend lists its items with Scan, on dynalite, in a table of its own. */
class DynamoDbRecordScannerTest extends RecordScannerContract {

    private static final String TABLE = TestTables.newName("scanner");

    @Override
    protected Map<String, String> settings() {
        return Map.of("SESSION_TYPE", "dynamodb", "SESSION_DYNAMODB", TestServers.dynalite().endpoint(),
                "SESSION_DYNAMODB_REGION", DynaliteServer.REGION, "SESSION_DYNAMODB_TABLE", TABLE);
    }
}
