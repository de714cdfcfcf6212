/**
 * The {@code mongodb} backend: one document per session in a MongoDB collection, keyed by the
 * store key, with a TTL index on the expiry; see {@link
 * io.github.session4j.mongo.MongoSessionInterfaceProvider} and {@link
 * io.github.session4j.mongo.MongoSessionInterface}.
 */
package io.github.session4j.mongo;
