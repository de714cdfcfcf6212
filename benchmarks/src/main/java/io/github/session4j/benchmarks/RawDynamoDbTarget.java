package io.github.session4j.benchmarks;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB floor: the AWS SDK v2 with the same HTTP client as session-dynamodb (the JDK's
 * {@code HttpURLConnection}), a strongly consistent {@code GetItem} to read, and that plus one
 * unconditional {@code PutItem} (with the expiry attribute) to modify, in a table of its own.
 */
final class RawDynamoDbTarget extends RawTarget {

    /** The raw target's table, keyed like session-dynamodb's. */
    static final String TABLE = "raw_sessions";

    private final DynamoDbClient client;

    RawDynamoDbTarget(String endpoint, int size) {
        super(size);
        client = DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(Servers.DYNAMODB_REGION))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        try {
            client.createTable(b -> b.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        } catch (ResourceInUseException e) {
            // another benchmark of this JVM made it
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(TABLE));
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    byte[] load(String key) {
        GetItemResponse found = client.getItem(b -> b.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(key)))
                .consistentRead(true));
        if (!found.hasItem() || found.item().isEmpty()) {
            throw new IllegalStateException("no raw item " + key);
        }
        return found.item().get("val").b().asByteArrayUnsafe();
    }

    @Override
    void write(String key, byte[] record) {
        long expiration = System.currentTimeMillis() / 1000 + RawRecord.TTL_SECONDS;
        client.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(key),
                "val", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(record)),
                "expiration", AttributeValue.fromN(Long.toString(expiration)))));
    }
}
