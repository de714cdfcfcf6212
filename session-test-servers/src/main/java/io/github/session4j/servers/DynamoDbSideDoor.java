package io.github.session4j.servers;

import io.github.session4j.testkit.SideDoor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Reads and writes session-dynamodb's table with a client of the test's own, not through the
 * backend: an item per session, {@code id} the key, {@code val} the record, {@code version} and
 * {@code expiration} (epoch seconds, the TTL attribute). Reads are strongly consistent.
 */
public final class DynamoDbSideDoor implements SideDoor {

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    /**
     * Opens the side door.
     *
     * @param client the test's own client (see {@link #client(String, String)})
     * @param table the session table
     * @param clock the clock the backend decides expiry with, for {@link #ttl}
     */
    public DynamoDbSideDoor(DynamoDbClient client, String table, Clock clock) {
        this.client = client;
        this.table = table;
        this.clock = clock;
    }

    /**
     * A client of the test's own: the SDK's default credentials chain (any values for dynalite) and
     * the JDK's HTTP client.
     *
     * @param endpoint the endpoint URL, such as {@link DynaliteServer#endpoint()}
     * @param region the region, such as {@link DynaliteServer#REGION}
     * @return the client, which the caller closes
     */
    public static DynamoDbClient client(String endpoint, String region) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
    }

    /**
     * The whole item under {@code key}, expired or not.
     *
     * @param key the store key
     * @return its attributes, or empty
     */
    public Optional<Map<String, AttributeValue>> item(String key) {
        var found = client.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(key))).consistentRead(true));
        return found.hasItem() && !found.item().isEmpty() ? Optional.of(found.item()) : Optional.empty();
    }

    /**
     * Writes a whole item, bypassing the backend (an expired item the TTL has not deleted yet, say).
     *
     * @param key the store key
     * @param record the bytes
     * @param version the version
     * @param expiration the expiry in epoch seconds
     */
    public void put(String key, byte[] record, long version, long expiration) {
        client.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(key),
                "val", AttributeValue.fromB(SdkBytes.fromByteArray(record)),
                "version", AttributeValue.fromN(Long.toString(version)),
                "expiration", AttributeValue.fromN(Long.toString(expiration)))));
    }

    @Override
    public Optional<byte[]> read(String key) {
        return item(key).map(item -> item.get("val").b().asByteArray());
    }

    @Override
    public void write(String key, byte[] record) {
        try {
            client.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(key)))
                    .updateExpression("SET #val = :val").conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#val", "val", "#id", "id"))
                    .expressionAttributeValues(Map.of(":val", AttributeValue.fromB(SdkBytes.fromByteArray(record)))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("no item has id " + key + ", so there is nothing to overwrite", e);
        }
    }

    @Override
    public boolean exists(String key) {
        return item(key).isPresent();
    }

    @Override
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = client.scan(b -> {
                b.tableName(table).consistentRead(true).projectionExpression("#id")
                        .filterExpression("begins_with(#id, :prefix)")
                        .expressionAttributeNames(Map.of("#id", "id"))
                        .expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(prefix)));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            page.items().forEach(item -> keys.add(item.get("id").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return item(key).map(item -> Duration.between(clock.instant(),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiration").n()))));
    }
}
