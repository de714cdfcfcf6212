package io.github.session4j.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.MemcachedServer;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.Writes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pool of three real memcached servers: sessions spread over all of them, and one server is
 * killed mid-run. Each test starts its own three servers.
 */
class MemcachedPoolTest {

    private static final int USERS = 60;
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final List<MemcachedServer> servers = List.of(MemcachedServer.start(), MemcachedServer.start(),
            MemcachedServer.start());
    private final MemcachedServer victim = servers.get(1);
    private SessionManager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
        servers.forEach(MemcachedServer::close);
    }

    @Test
    void sessionsSpreadOverEveryServer() {
        List<Browser> users = startUsers("redistribute");

        for (MemcachedServer server : servers) {
            assertThat(server.stat("curr_items")).as("items on %s", server.address()).isPositive();
        }
        assertThat(servers.stream().mapToLong(s -> s.stat("curr_items")).sum()).isEqualTo(USERS);
        for (Browser user : users) {
            assertThat(servers.stream().filter(s -> s.has(user.storeKey())).count()).isEqualTo(1);
        }
    }

    @Test
    void redistributeGivesTheUsersOfADeadServerFreshSessionsAndFailsNoRequestOnceItHasReacted() {
        List<Browser> users = startUsers("redistribute");
        List<Browser> onVictim = usersOn(victim, users);
        assertThat(onVictim).isNotEmpty();
        users.forEach(user -> assertThat(user.visit()).isEqualTo(2));

        victim.kill();

        assertTimeoutPreemptively(BOUND, () -> {
            List<String> idsBefore = onVictim.stream().map(Browser::sessionId).toList();
            long[] firstVisitAfterKill = new long[USERS];
            List<String> failures = visitAll(users, 1, firstVisitAfterKill);
            System.out.println("requests that failed before the failure mode reacted: " + failures);
            // requests go one at a time: only the first one to reach the dead server can be in flight there
            assertThat(failures).as("requests in flight when the connection broke").hasSizeLessThanOrEqualTo(1)
                    .allMatch(f -> onVictim.stream().anyMatch(u -> f.contains("user " + users.indexOf(u) + ":")))
                    .allMatch(f -> f.contains("was cancelled because the connection to " + victim.address()));
            for (int round = 2; round <= 4; round++) {
                assertThat(visitAll(users, round, firstVisitAfterKill)).as("failures after it reacted").isEmpty();
            }

            for (int i = 0; i < USERS; i++) {
                boolean wasOnVictim = onVictim.contains(users.get(i));
                assertThat(firstVisitAfterKill[i]).as(wasOnVictim ? "a user of the dead server starts afresh"
                        : "a user of a live server keeps the session").isEqualTo(wasOnVictim ? 1 : 3);
            }
            assertThat(onVictim.stream().map(Browser::sessionId).toList())
                    .as("fresh sessions get new IDs").doesNotContainAnyElementsOf(idsBefore);
            for (Browser user : onVictim) {
                assertThat(servers.stream().filter(s -> s != victim).anyMatch(s -> s.has(user.storeKey()))).isTrue();
            }
        });
    }

    /**
     * The keys that spymemcached's own redistribution cannot move: every one of the seven Ketama
     * tries lands on the dead server (about one of its keys in 600, so a pool test with 20 users
     * there met one in a few runs, and that user failed on every request).
     */
    @Test
    void redistributeMovesAKeyWhoseKetamaTriesAllHitTheDeadServerToTheSameLiveServerEveryTime() {
        MemcachedSettings settings = MemcachedSettings.from(config("redistribute"), "pool:");
        MemcachedConnector.Pool pool = MemcachedConnector.connect(settings);
        RedistributingLocator locator = (RedistributingLocator) pool.client().getNodeLocator();
        List<String> stuck = StuckKeys.find(locator, victim.address(), 3);
        byte[] before = {1};
        byte[] after = {2};
        try (SessionInterface backend = new MemcachedSessionInterface(pool, settings, new MemcachedExpiry(Clock.systemUTC()))) {
            for (String key : stuck) {
                assertThat(Writes.create(backend, key, before, Duration.ofMinutes(1))).isTrue();
                assertThat(victim.has(key)).as("stored on its primary, the server to kill").isTrue();
            }

            victim.kill();

            assertTimeoutPreemptively(BOUND, () -> {
                try {
                    assertThat(backend.loadAndTouch(stuck.get(0), Duration.ofMinutes(1))).isEmpty();
                } catch (SessionBackendException inFlight) {
                    assertThat(inFlight).hasMessageContaining("was cancelled because the connection to "
                            + victim.address() + " was lost");
                }
                for (String key : stuck) {
                    assertThat(backend.loadAndTouch(key, Duration.ofMinutes(1))).as("a fresh session").isEmpty();
                    assertThat(Writes.create(backend, key, after, Duration.ofMinutes(1))).isTrue();
                }
                for (String key : stuck) {
                    assertThat(backend.loadAndTouch(key, Duration.ofMinutes(1))).as("the next request finds it")
                            .map(StoredRecord::data).contains(after);
                    String expected = locator.fallbackOrder(key).stream()
                            .map(node -> MemcachedConnector.describe(node.getSocketAddress()))
                            .filter(address -> !address.equals(victim.address())).findFirst().orElseThrow();
                    assertThat(servers.stream().filter(s -> s != victim && s.has(key)).map(MemcachedServer::address))
                            .as("on the first live server of the key's fallback order, and only there")
                            .containsExactly(expected);
                }
            });
        }
    }

    /** One request per user; returns the failures and records each user's first successful visit count. */
    private static List<String> visitAll(List<Browser> users, int round, long[] firstVisit) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            try {
                long visits = users.get(i).visit();
                if (firstVisit[i] == 0) {
                    firstVisit[i] = visits;
                }
            } catch (SessionBackendException e) {
                failures.add("round " + round + ", user " + i + ": " + e.getMessage());
            }
        }
        return failures;
    }

    @Test
    void cancelFailsTheUsersOfADeadServerFastAndKeepsTheOthersWorking() {
        List<Browser> users = startUsers("cancel");
        List<Browser> onVictim = usersOn(victim, users);
        assertThat(onVictim).isNotEmpty();

        victim.kill();

        assertTimeoutPreemptively(BOUND, () -> {
            for (int round = 0; round < 3; round++) {
                for (Browser user : users) {
                    if (onVictim.contains(user)) {
                        assertThatThrownBy(user::visit)
                                .isInstanceOf(SessionBackendException.class)
                                .hasMessageContaining("was cancelled because the connection to " + victim.address()
                                        + " was lost or the server is down (SESSION_MEMCACHED_FAILURE_MODE=cancel)");
                    } else {
                        assertThat(user.visit()).isEqualTo(2 + round);
                    }
                }
            }
        });
    }

    private List<Browser> startUsers(String failureMode) {
        manager = SessionManager.create(new MemcachedSessionInterfaceProvider(), config(failureMode));
        List<Browser> users = IntStream.range(0, USERS).mapToObj(i -> new Browser(manager)).toList();
        users.forEach(user -> assertThat(user.visit()).isEqualTo(1));
        return users;
    }

    private SessionConfig config(String failureMode) {
        return SessionConfig.builder()
                .put("SESSION_TYPE", "memcached")
                .put("SESSION_MEMCACHED", servers.stream().map(MemcachedServer::address).collect(Collectors.joining(",")))
                .put("SESSION_MEMCACHED_FAILURE_MODE", failureMode)
                .put("SESSION_KEY_PREFIX", "pool:")
                .build();
    }

    private static List<Browser> usersOn(MemcachedServer server, List<Browser> users) {
        return users.stream().filter(user -> server.has(user.storeKey())).toList();
    }
}
