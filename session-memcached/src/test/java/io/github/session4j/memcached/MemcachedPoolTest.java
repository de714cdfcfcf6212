package io.github.session4j.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
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
            List<String> failures = new ArrayList<>();
            List<String> roundFailures;
            int round = 0;
            do {
                round++;
                assertThat(round).as("rounds until the failure mode reacted; failures: %s", failures).isLessThan(20);
                roundFailures = visitAll(users, round, firstVisitAfterKill);
                failures.addAll(roundFailures);
            } while (!roundFailures.isEmpty());
            System.out.println("requests that failed before the failure mode reacted: " + failures);
            for (int after = 1; after <= 3; after++) {
                assertThat(visitAll(users, round + after, firstVisitAfterKill)).as("failures after it reacted").isEmpty();
            }

            assertThat(failures).as("only users of the dead server may fail, and only before the reaction")
                    .allMatch(f -> onVictim.stream().anyMatch(u -> f.contains("user " + users.indexOf(u) + ":")));
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
        manager = SessionManager.create(new MemcachedSessionInterfaceProvider(), SessionConfig.builder()
                .put("SESSION_TYPE", "memcached")
                .put("SESSION_MEMCACHED", servers.stream().map(MemcachedServer::address).collect(Collectors.joining(",")))
                .put("SESSION_MEMCACHED_FAILURE_MODE", failureMode)
                .put("SESSION_KEY_PREFIX", "pool:")
                .build());
        List<Browser> users = IntStream.range(0, USERS).mapToObj(i -> new Browser(manager)).toList();
        users.forEach(user -> assertThat(user.visit()).isEqualTo(1));
        return users;
    }

    private static List<Browser> usersOn(MemcachedServer server, List<Browser> users) {
        return users.stream().filter(user -> server.has(user.storeKey())).toList();
    }
}
