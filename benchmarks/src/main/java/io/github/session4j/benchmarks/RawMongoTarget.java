package io.github.session4j.benchmarks;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Date;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The MongoDB floor: the sync driver, {@code find} by {@code _id} to read, and that plus one
 * {@code replaceOne} (upsert) to modify, with session-mongo's default write concern
 * ({@code majority}).
 */
final class RawMongoTarget extends RawTarget {

    private final MongoClient client;
    private final MongoCollection<Document> sessions;
    RawMongoTarget(String connectionString, String database, int size) {
        super(size);
        client = MongoClients.create(connectionString);
        sessions = client.getDatabase(database).getCollection("raw_sessions").withWriteConcern(WriteConcern.MAJORITY);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    byte[] load(String key) {
        Document found = sessions.find(Filters.eq("_id", key)).first();
        if (found == null) {
            throw new IllegalStateException("no raw document " + key);
        }
        return found.get("data", Binary.class).getData();
    }

    @Override
    void write(String key, byte[] record) {
        Document document = new Document("_id", key).append("data", new Binary(record))
                .append("expiresAt", new Date(System.currentTimeMillis() + RawRecord.TTL_SECONDS * 1000));
        sessions.replaceOne(Filters.eq("_id", key), document, new ReplaceOptions().upsert(true));
    }
}
