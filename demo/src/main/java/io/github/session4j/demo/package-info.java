/**
 * The session4j demo: a small web app on embedded Jetty 12 that keeps its sessions in the store
 * that {@code SESSION_TYPE} names.
 */
package io.github.session4j.demo;
