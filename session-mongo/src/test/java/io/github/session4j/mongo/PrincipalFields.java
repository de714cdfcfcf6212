package io.github.session4j.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.github.session4j.servers.MongoSideDoor;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.BsonDocument;

/**
 * The kit's side door into the collection ({@link MongoSideDoor}) that also shows the kit the
 * principal index: the {@code principal} field of each document under the prefix, so that the kit
 * can check that none holds a user's name in clear.
 */
final class PrincipalFields {

    private PrincipalFields() {
    }

    /**
     * The side door.
     *
     * @param collection the test's collection
     * @param clock the test's clock
     * @return the side door
     */
    static SideDoor sideDoor(MongoCollection<BsonDocument> collection, Clock clock) {
        return new MongoSideDoor(collection, clock).withIndex(prefix -> contents(collection, prefix));
    }

    private static List<String> contents(MongoCollection<BsonDocument> collection, String prefix) {
        List<String> values = new ArrayList<>();
        collection.find(Filters.and(Filters.regex(SessionDocument.ID, "^" + Pattern.quote(prefix)),
                        Filters.exists(SessionDocument.PRINCIPAL)))
                .projection(Projections.include(SessionDocument.PRINCIPAL))
                .forEach(document -> values.add(document.getString(SessionDocument.PRINCIPAL).getValue()));
        return values;
    }
}
