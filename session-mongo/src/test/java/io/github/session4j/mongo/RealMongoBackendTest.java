package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.github.session4j.SessionBackendException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The backend's contract against a real MongoDB, run when {@value RealMongo#VARIABLE} holds its
 * connection string; reported as skipped, with the reason, when it does not.
 */
class RealMongoBackendTest extends MongoBackendContractTest {

    @Override
    String connectionString() {
        Assumptions.assumeTrue(RealMongo.uri().isPresent(), RealMongo.NOT_SET);
        return RealMongo.uri().orElseThrow();
    }

    /** Only a real MongoDB: mongo-java-server 1.47.0 accepts a second index on a key with other options. */
    @Test
    void startUpRefusesAConflictingIndexOnTheExpiryAndSaysWhatToDo() {
        backend.close();
        useNewCollection();
        stored().createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(3600L, TimeUnit.SECONDS));

        assertThatThrownBy(() -> backend = open(Map.of()))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("MongoDB could not create the TTL index {expiresAt: 1} with expireAfterSeconds: 0"
                        + " on " + database.name() + "." + collection + " at ")
                .hasMessageEndingWith("Drop the other index on expiresAt, or create the index yourself with db."
                        + collection + ".createIndex({expiresAt: 1}, {expireAfterSeconds: 0}) and set"
                        + " SESSION_MONGODB_CREATE_INDEXES=false");
    }
}
