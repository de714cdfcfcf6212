/**
 * The rules behind {@link io.github.session4j.SessionConfig}: where a value came from, which keys
 * belong to session4j, how secrets are masked, how byte sizes are read, and how problems are
 * collected into one message. Public so that a backend validating its own keys follows the same
 * rules as the core.
 */
package io.github.session4j.config;
