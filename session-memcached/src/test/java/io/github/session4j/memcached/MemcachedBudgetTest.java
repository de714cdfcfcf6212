package io.github.session4j.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.MemcachedServer;
import io.github.session4j.servers.TestServers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The round-trip budget of DESIGN.md §5 through the SessionManager, counted in memcached's own stats. */
class MemcachedBudgetTest {

    private final MemcachedServer server = TestServers.memcached();
    private final ServerCommandCounter commands = new ServerCommandCounter(List.of(server));
    private SessionManager manager;
    private Browser browser;

    @BeforeEach
    void open() {
        manager = SessionManager.create(new MemcachedSessionInterfaceProvider(), SessionConfig.builder()
                .put("SESSION_TYPE", "memcached")
                .put("SESSION_MEMCACHED", server.address())
                .put("SESSION_KEY_PREFIX", "budget:")
                .build());
        browser = new Browser(manager);
        browser.request(session -> session.put("user", "ada"));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void anUntouchedSessionCostsNoCommand() {
        assertThat(commandsFor(() -> browser.request(session -> { }))).isZero();
    }

    @Test
    void aReadSessionCostsOneCommandThatAlsoRefreshesTheTtl() {
        long before = server.stat("cmd_touch");

        assertThat(commandsFor(() -> browser.request(session -> session.get("user")))).isEqualTo(1);
        assertThat(server.stat("cmd_touch") - before).as("the read was a get-and-touch").isEqualTo(1);
    }

    @Test
    void aModifiedSessionCostsALoadAndOneConditionalSave() {
        long casBefore = server.stat("cas_hits");

        assertThat(commandsFor(() -> browser.request(session -> session.put("theme", "dark")))).isEqualTo(2);
        assertThat(server.stat("cas_hits") - casBefore).isEqualTo(1);
    }

    @Test
    void aNewSessionCostsOneAdd() {
        Browser newcomer = new Browser(manager);
        long setsBefore = server.stat("cmd_set");

        assertThat(commandsFor(() -> newcomer.request(session -> session.put("user", "grace")))).isEqualTo(1);
        assertThat(server.stat("cmd_set") - setsBefore).isEqualTo(1);
    }

    private long commandsFor(Runnable request) {
        long before = commands.count();
        request.run();
        return commands.count() - before;
    }
}
