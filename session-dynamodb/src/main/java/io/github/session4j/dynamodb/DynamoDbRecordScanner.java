package io.github.session4j.dynamodb;

import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.StoredRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The {@link RecordScanner} of the DynamoDB backend: one consistent {@code Scan} of at most
 * {@code limit} items per page, filtered on the prefix and the expiry, continued from the
 * {@code id} of its {@code LastEvaluatedKey} (the cursor). DynamoDB filters after reading, so a
 * page may hold fewer records than the limit, or none, before the end. Items whose {@code id} is
 * not {@code prefix} + 43 base64url characters are skipped.
 */
final class DynamoDbRecordScanner implements RecordScanner {

    private final DynamoDbClient client;
    private final DynamoDbSettings settings;
    private final DynamoDbFailures failures;
    private final Clock clock;

    DynamoDbRecordScanner(DynamoDbClient client, DynamoDbSettings settings, DynamoDbFailures failures, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.failures = failures;
        this.clock = clock;
    }

    @Override
    public Page scan(String cursor, int limit) {
        RecordScanner.checkLimit(limit);
        Instant now = clock.instant();
        ScanRequest.Builder request = ScanRequest.builder().tableName(settings.table()).consistentRead(true).limit(limit)
                .filterExpression("begins_with(#id, :prefix) AND #expiration > :now")
                .expressionAttributeNames(Map.of("#id", SessionItem.ID, "#expiration", SessionItem.EXPIRATION))
                .expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(settings.keyPrefix()),
                        ":now", SessionItem.now(now)));
        if (cursor != null) {
            request.exclusiveStartKey(SessionItem.key(cursor));
        }
        ScanResponse response;
        try {
            response = client.scan(request.build());
        } catch (SdkException e) {
            throw failures.of("list sessions", e);
        }
        List<Scanned> records = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            String key = item.get(SessionItem.ID).s();
            if (RecordScanner.isSessionKey(key, settings.keyPrefix())) {
                StoredRecord record = SessionItem.toRecord(item);
                records.add(new Scanned(key, record.data(), record.expiresAt()));
            }
        }
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page(records, more ? response.lastEvaluatedKey().get(SessionItem.ID).s() : null);
    }
}
