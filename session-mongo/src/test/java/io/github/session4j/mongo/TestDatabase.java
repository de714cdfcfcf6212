package io.github.session4j.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.BsonDocument;

/**
 * A database of a test's own, on a given server, with the test's own client (the side door);
 * {@link #close()} drops it, so tests never touch data they did not create.
 */
final class TestDatabase implements AutoCloseable {

    private final String connectionString;
    private final String name = "session4j_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    private final MongoClient client;

    /**
     * Connects the side door.
     *
     * @param connectionString the server
     */
    TestDatabase(String connectionString) {
        this.connectionString = connectionString;
        this.client = MongoClients.create(connectionString);
    }

    /** The server's connection string. */
    String connectionString() {
        return connectionString;
    }

    /** The database's name, such as {@code session4j_test_1f2e3d}. */
    String name() {
        return name;
    }

    /**
     * A collection of the database, read with the test's own client.
     *
     * @param collection the collection name
     * @return the collection
     */
    MongoCollection<BsonDocument> collection(String collection) {
        return client.getDatabase(name).getCollection(collection, BsonDocument.class);
    }

    /** Drops the database and closes the client. */
    @Override
    public void close() {
        try {
            client.getDatabase(name).drop();
        } finally {
            client.close();
        }
    }
}
