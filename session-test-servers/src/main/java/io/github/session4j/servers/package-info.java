/**
 * The servers the suites run against, each started on free loopback ports and, where tests share
 * it, once per JVM ({@link io.github.session4j.servers.TestServers}), with a side door into each
 * store that reads and writes it with the store's own client
 * ({@link io.github.session4j.testkit.SideDoor}).
 *
 * <p>A missing server binary or an unreachable database is a failure whose message says how to
 * install or start it (such as {@code bash scripts/services/redis.sh}), never a skipped test
 * (DESIGN.md section 7). Test support only: this package depends on no backend module.
 */
package io.github.session4j.servers;
