package io.github.session4j.mongo;

import io.github.session4j.servers.MongoTestDatabase;
import io.github.session4j.servers.TestServers;
import io.github.session4j.testkit.RecordScannerContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MongoDB backend lists its documents in _id order, on mongo-java-server (MONGO_5_0). */
class MongoRecordScannerTest extends RecordScannerContract {

    private static MongoTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = new MongoTestDatabase(TestServers.mongo().connectionString());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("SESSION_TYPE", "mongodb", "SESSION_MONGODB", database.connectionString(),
                "SESSION_MONGODB_DB", database.name(), "SESSION_MONGODB_COLLECT", "scanned", "SESSION_MONGODB_TIMEOUT", "5s");
    }
}
