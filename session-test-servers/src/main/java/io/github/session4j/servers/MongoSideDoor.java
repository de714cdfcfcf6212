package io.github.session4j.servers;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.BsonBinary;
import org.bson.BsonDocument;

/**
 * Reads and writes session-mongo's collection with a client of the test's own, not through the
 * backend: a document per session, {@code _id} the key, {@code data} the record and
 * {@code expiresAt} the expiry.
 */
public final class MongoSideDoor implements SideDoor {

    private final MongoCollection<BsonDocument> collection;
    private final Clock clock;

    /**
     * Opens the side door.
     *
     * @param collection the session collection, opened with the test's own client
     * @param clock the clock the backend decides expiry with, for {@link #ttl}
     */
    public MongoSideDoor(MongoCollection<BsonDocument> collection, Clock clock) {
        this.collection = collection;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> read(String key) {
        return document(key).map(d -> d.getBinary("data").getData());
    }

    @Override
    public void write(String key, byte[] record) {
        long matched = collection.updateOne(Filters.eq("_id", key), Updates.set("data", new BsonBinary(record)))
                .getMatchedCount();
        if (matched != 1) {
            throw new IllegalStateException("no document has _id " + key + ", so there is nothing to overwrite");
        }
    }

    @Override
    public boolean exists(String key) {
        return document(key).isPresent();
    }

    @Override
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        collection.find(Filters.regex("_id", "^" + Pattern.quote(prefix))).projection(Projections.include("_id"))
                .forEach(d -> keys.add(d.getString("_id").getValue()));
        return keys;
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return document(key).map(d -> Duration.between(clock.instant(),
                Instant.ofEpochMilli(d.getDateTime("expiresAt").getValue())));
    }

    private Optional<BsonDocument> document(String key) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", key)).first());
    }
}
