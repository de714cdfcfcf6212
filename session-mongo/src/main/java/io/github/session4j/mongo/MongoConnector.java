package io.github.session4j.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.github.session4j.SessionBackendException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * Opens the backend: builds the driver's client from the settings, checks within the configured
 * timeout that the server answers, and creates the TTL index on {@code expiresAt} unless disabled.
 */
final class MongoConnector {

    /** The name the driver reports to the server when the connection string names none. */
    static final String APPLICATION_NAME = "session4j";

    /** MongoDB's codes for an index that exists with other options or another key pattern. */
    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int INDEX_KEY_SPECS_CONFLICT = 86;
    private static final int UNAUTHORIZED = 13;

    private MongoConnector() {
    }

    /**
     * Connects and prepares the collection.
     *
     * @param settings the validated settings
     * @param clock the clock of every expiry decision
     * @return the ready backend
     * @throws SessionBackendException when no server answers within the timeout, authentication
     *     fails or the index cannot be created
     */
    static MongoSessionInterface open(MongoSettings settings, Clock clock) {
        MongoClient client = MongoClients.create(clientSettings(settings));
        try {
            MongoDatabase database = client.getDatabase(settings.database());
            MongoFailures failures = new MongoFailures(settings);
            try {
                database.runCommand(new BsonDocument("ping", new BsonInt32(1)));
            } catch (RuntimeException e) {
                throw MongoFailures.isDriverFailure(e) ? failures.of("answer a ping at start-up", e) : e;
            }
            MongoCollection<BsonDocument> collection = database.getCollection(settings.collection(), BsonDocument.class);
            if (settings.createIndexes()) {
                createTtlIndex(collection, settings, failures);
            }
            MongoWriteFence fence = settings.writeFence() ? MongoWriteFence.start(client.getDatabase("admin"), collection, settings, failures)
                    : MongoWriteFence.off();
            return new MongoSessionInterface(client, collection, settings, failures, fence, clock);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The driver's settings: the connection string first, then this backend's settings on top.
     *
     * @param settings the validated settings
     * @return the client settings
     */
    static MongoClientSettings clientSettings(MongoSettings settings) {
        long timeoutMillis = settings.timeout().toMillis();
        long connectMillis = settings.connectTimeout().toMillis();
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(settings.connection())
                .writeConcern(settings.writeConcern())
                .applyToClusterSettings(b -> b.serverSelectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(connectMillis, TimeUnit.MILLISECONDS)
                        .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(b -> b.maxWaitTime(timeoutMillis, TimeUnit.MILLISECONDS));
        if (settings.connection().getApplicationName() == null) {
            builder.applicationName(APPLICATION_NAME);
        }
        return builder.build();
    }

    private static void createTtlIndex(MongoCollection<BsonDocument> collection, MongoSettings settings,
                                       MongoFailures failures) {
        try {
            collection.createIndex(Indexes.ascending(SessionDocument.EXPIRES_AT),
                    new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        } catch (MongoCommandException e) {
            int code = e.getErrorCode();
            if (code == INDEX_OPTIONS_CONFLICT || code == INDEX_KEY_SPECS_CONFLICT || code == UNAUTHORIZED) {
                throw new SessionBackendException("MongoDB could not create the TTL index {" + SessionDocument.EXPIRES_AT
                        + ": 1} with expireAfterSeconds: 0 on " + settings.describe() + " (code " + code + ": "
                        + MongoSettings.mask(String.valueOf(e.getErrorMessage())) + "). "
                        + (code == UNAUTHORIZED ? "Grant the user createIndex on the collection, or"
                                : "Drop the other index on " + SessionDocument.EXPIRES_AT + ", or")
                        + " create the index yourself with db." + settings.collection() + ".createIndex({"
                        + SessionDocument.EXPIRES_AT + ": 1}, {expireAfterSeconds: 0}) and set "
                        + MongoSettings.CREATE_INDEXES + "=false", e);
            }
            throw failures.of("create the TTL index on " + SessionDocument.EXPIRES_AT, e);
        } catch (RuntimeException e) {
            throw MongoFailures.isDriverFailure(e) ? failures.of("create the TTL index on "
                    + SessionDocument.EXPIRES_AT, e) : e;
        }
    }
}
