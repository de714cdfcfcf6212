/**
 * Micrometer meters and observations of a {@link io.github.session4j.SessionManager}: start with
 * {@link io.github.session4j.micrometer.SessionMetrics}.
 */
package io.github.session4j.micrometer;
