package io.github.session4j.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.github.session4j.servers.MongoSideDoor;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.BsonDocument;

/**
 * The kit's side door into the collection ({@link MongoSideDoor}), which also shows the kit the
 * principal index: the {@code principal} field of each document under the prefix, so that the kit
 * can check that none holds a user's name in clear.
 */
final class MongoIndexSideDoor implements SideDoor {

    private final MongoCollection<BsonDocument> collection;
    private final SideDoor records;

    MongoIndexSideDoor(MongoCollection<BsonDocument> collection, Clock clock) {
        this.collection = collection;
        this.records = new MongoSideDoor(collection, clock);
    }

    @Override
    public Optional<byte[]> read(String key) {
        return records.read(key);
    }

    @Override
    public void write(String key, byte[] record) {
        records.write(key, record);
    }

    @Override
    public boolean exists(String key) {
        return records.exists(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return records.keys(prefix);
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return records.ttl(key);
    }

    @Override
    public List<String> indexContents(String prefix) {
        List<String> values = new ArrayList<>();
        collection.find(Filters.and(Filters.regex(SessionDocument.ID, "^" + Pattern.quote(prefix)),
                        Filters.exists(SessionDocument.PRINCIPAL)))
                .projection(Projections.include(SessionDocument.PRINCIPAL))
                .forEach(document -> values.add(document.getString(SessionDocument.PRINCIPAL).getValue()));
        return values;
    }
}
