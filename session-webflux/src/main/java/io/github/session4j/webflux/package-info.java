/**
 * Spring WebFlux integration: {@link io.github.session4j.webflux.Session4jWebSessionManager}
 * backs {@code exchange.getSession()} with the configured store, loading and committing on
 * session4j's bounded executor ({@link io.github.session4j.async.AsyncSessions}), never on the
 * event loop.
 */
package io.github.session4j.webflux;
