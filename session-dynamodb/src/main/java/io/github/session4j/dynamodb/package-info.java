/**
 * The {@code dynamodb} backend: one item per session in an Amazon DynamoDB table, keyed by the
 * store key, with the expiry in a TTL attribute that every read also filters on; see {@link
 * io.github.session4j.dynamodb.DynamoDbSessionInterfaceProvider} and {@link
 * io.github.session4j.dynamodb.DynamoDbSessionInterface}.
 */
package io.github.session4j.dynamodb;
