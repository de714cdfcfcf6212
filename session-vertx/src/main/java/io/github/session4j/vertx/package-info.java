/**
 * Vert.x Web integration: {@link io.github.session4j.vertx.Session4jHandler} gives each request
 * a store-backed session4j {@link io.github.session4j.Session}, loaded and committed on session4j's
 * bounded executor ({@link io.github.session4j.async.AsyncSessions}), never on the event loop.
 */
package io.github.session4j.vertx;
