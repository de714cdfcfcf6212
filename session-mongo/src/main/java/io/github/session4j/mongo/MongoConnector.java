package io.github.session4j.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.github.session4j.SessionBackendException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.conversions.Bson;

/**
 * Opens the backend: builds the driver's client from the settings, checks within the configured
 * timeout that the server answers, and creates the TTL index on {@code expiresAt} and the partial
 * index of the principal index on {@code {principal: 1, _id: 1}} unless disabled.
 */
final class MongoConnector {

    /** The name the driver reports to the server when the connection string names none. */
    static final String APPLICATION_NAME = "session4j";

    /** MongoDB's codes for an index that exists with other options or another key pattern. */
    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int INDEX_KEY_SPECS_CONFLICT = 86;
    private static final int UNAUTHORIZED = 13;

    /** The name of the index on {@code {principal: 1, _id: 1}}. */
    static final String PRINCIPAL_INDEX = "session4j_principal";

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
                createPrincipalIndex(collection, settings, failures);
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

    /** The TTL index {@code {expiresAt: 1}, {expireAfterSeconds: 0}}: MongoDB removes expired documents. */
    private static void createTtlIndex(MongoCollection<BsonDocument> collection, MongoSettings settings,
                                       MongoFailures failures) {
        String field = SessionDocument.EXPIRES_AT;
        createIndex(collection, settings, failures, new IndexSpec(Indexes.ascending(field),
                new IndexOptions().expireAfter(0L, TimeUnit.SECONDS),
                "the TTL index {" + field + ": 1} with expireAfterSeconds: 0", "Drop the other index on " + field,
                "{" + field + ": 1}, {expireAfterSeconds: 0}"));
    }

    /**
     * The index of the principal index: {@code {principal: 1, _id: 1}}, partial on documents that
     * have the field (signed-in sessions), so that listing a user's sessions is one range of it,
     * already in key order, and anonymous sessions cost nothing in it.
     */
    private static void createPrincipalIndex(MongoCollection<BsonDocument> collection, MongoSettings settings,
                                             MongoFailures failures) {
        String keys = "{" + SessionDocument.PRINCIPAL + ": 1, " + SessionDocument.ID + ": 1}";
        String partial = "partialFilterExpression: {" + SessionDocument.PRINCIPAL + ": {$exists: true}}";
        createIndex(collection, settings, failures, new IndexSpec(
                Indexes.ascending(SessionDocument.PRINCIPAL, SessionDocument.ID),
                new IndexOptions().name(PRINCIPAL_INDEX).partialFilterExpression(Filters.exists(SessionDocument.PRINCIPAL)),
                "the principal index " + keys + " with " + partial, "Drop the other index named " + PRINCIPAL_INDEX,
                keys + ", {name: '" + PRINCIPAL_INDEX + "', " + partial + "}"));
    }

    /**
     * An index to create, and how messages describe it.
     *
     * @param keys the key pattern
     * @param options the options
     * @param what the index in a message, such as {@code the TTL index {expiresAt: 1} ...}
     * @param onConflict what to do when another index is in the way
     * @param shellArguments the arguments of {@code createIndex} in the shell, to create it by hand
     */
    private record IndexSpec(Bson keys, IndexOptions options, String what, String onConflict, String shellArguments) {
    }

    private static void createIndex(MongoCollection<BsonDocument> collection, MongoSettings settings,
                                    MongoFailures failures, IndexSpec index) {
        try {
            collection.createIndex(index.keys(), index.options());
        } catch (MongoCommandException e) {
            int code = e.getErrorCode();
            if (code == INDEX_OPTIONS_CONFLICT || code == INDEX_KEY_SPECS_CONFLICT || code == UNAUTHORIZED) {
                throw new SessionBackendException("MongoDB could not create " + index.what() + " on " + settings.describe()
                        + " (code " + code + ": " + MongoSettings.mask(String.valueOf(e.getErrorMessage())) + "). "
                        + (code == UNAUTHORIZED ? "Grant the user createIndex on the collection" : index.onConflict())
                        + ", or create the index yourself with db." + settings.collection() + ".createIndex("
                        + index.shellArguments() + ") and set " + MongoSettings.CREATE_INDEXES + "=false", e);
            }
            throw failures.of("create " + index.what(), e);
        } catch (RuntimeException e) {
            throw MongoFailures.isDriverFailure(e) ? failures.of("create " + index.what(), e) : e;
        }
    }
}
