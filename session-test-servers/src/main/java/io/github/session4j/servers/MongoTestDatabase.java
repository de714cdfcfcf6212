package io.github.session4j.servers;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.BsonDocument;

/**
 * A MongoDB database of a test's own, on a given server, with the test's own client;
 * {@link #close()} drops it, so tests never touch data they did not create.
 */
public final class MongoTestDatabase implements AutoCloseable {

    private final String connectionString;
    private final String name = "session4j_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    private final MongoClient client;

    /**
     * Connects the test's own client.
     *
     * @param connectionString the server
     */
    public MongoTestDatabase(String connectionString) {
        this.connectionString = connectionString;
        this.client = MongoClients.create(connectionString);
    }

    /**
     * The server's connection string.
     *
     * @return the connection string
     */
    public String connectionString() {
        return connectionString;
    }

    /**
     * The database's name.
     *
     * @return such as {@code session4j_test_1f2e3d}
     */
    public String name() {
        return name;
    }

    /**
     * A collection of the database, read with the test's own client.
     *
     * @param collection the collection name
     * @return the collection
     */
    public MongoCollection<BsonDocument> collection(String collection) {
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
