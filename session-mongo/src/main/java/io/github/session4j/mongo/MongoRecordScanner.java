package io.github.session4j.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.StoredRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;

/**
 * The {@link RecordScanner} of the MongoDB backend: {@code find({_id: /^prefix/, _id > cursor,
 * expiresAt > now}).sort({_id: 1}).limit(n)}, an index range on {@code _id} per page. The cursor
 * is the last {@code _id} of the previous page; documents whose {@code _id} is not {@code prefix}
 * + 43 base64url characters (index documents) are skipped.
 */
final class MongoRecordScanner implements RecordScanner {

    private final MongoCollection<BsonDocument> collection;
    private final MongoFailures failures;
    private final Clock clock;
    private final String keyPrefix;

    MongoRecordScanner(MongoCollection<BsonDocument> collection, MongoFailures failures, Clock clock, String keyPrefix) {
        this.collection = collection;
        this.failures = failures;
        this.clock = clock;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Page scan(String cursor, int limit) {
        RecordScanner.checkLimit(limit);
        Instant now = clock.instant();
        Bson filter = Filters.and(Filters.regex(SessionDocument.ID, "^" + Pattern.quote(keyPrefix)),
                Filters.gt(SessionDocument.ID, cursor == null ? "" : cursor),
                Filters.gt(SessionDocument.EXPIRES_AT, Date.from(now)));
        try {
            List<Scanned> records = new ArrayList<>();
            String last = null;
            int seen = 0;
            for (BsonDocument document : collection.find(filter).sort(Sorts.ascending(SessionDocument.ID)).limit(limit)) {
                seen++;
                last = document.getString(SessionDocument.ID).getValue();
                if (RecordScanner.isSessionKey(last, keyPrefix)) {
                    StoredRecord record = SessionDocument.toRecord(document);
                    records.add(new Scanned(last, record.data(), record.expiresAt()));
                }
            }
            return new Page(records, seen < limit ? null : last);
        } catch (RuntimeException e) {
            throw MongoFailures.isDriverFailure(e) ? failures.of("list sessions", e) : e;
        }
    }
}
