package io.github.session4j.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.MemcachedServer;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider is found by ServiceLoader, and start-up fails fast and clearly. */
class MemcachedStartupTest {

    @Test
    void theProviderIsFoundByItsName() {
        SessionInterfaceProvider provider = ServiceLoader.load(SessionInterfaceProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("memcached"))
                .findFirst().orElseThrow();

        assertThat(provider).isInstanceOf(MemcachedSessionInterfaceProvider.class);
        assertThat(provider.artifact()).isEqualTo("io.github.session4j:session-memcached");
        assertThat(provider.configKeys()).containsExactlyInAnyOrder("SESSION_MEMCACHED",
                "SESSION_MEMCACHED_OPERATION_TIMEOUT", "SESSION_MEMCACHED_CONNECT_TIMEOUT",
                "SESSION_MEMCACHED_FAILURE_MODE");
        // the key prefix is the core's, which the backend gets from BackendContext.core()
        assertThat(provider.configKeys()).doesNotContain("SESSION_KEY_PREFIX");
    }

    @Test
    void invalidSettingsStopStartUpBeforeAnyConnection() {
        assertThatThrownBy(() -> create(Map.of("SESSION_MEMCACHED_FAILURE_MODE", "ignore")))
                .isInstanceOf(SessionConfigException.class)
                .hasMessageStartingWith("Invalid session4j configuration of the memcached backend (2 problems):\n"
                        + "  - SESSION_MEMCACHED is not set");
    }

    @Test
    void aServerThatDoesNotAcceptConnectionsStopsStartUpAndIsNamed() {
        MemcachedServer live = TestServers.memcached();
        int closedPort = closedPort();

        assertThatThrownBy(() -> create(Map.of(
                "SESSION_MEMCACHED", live.address() + ",127.0.0.1:" + closedPort,
                "SESSION_MEMCACHED_CONNECT_TIMEOUT", "500ms")))
                .isInstanceOf(SessionBackendException.class)
                .hasMessage("cannot connect to memcached at 127.0.0.1:" + closedPort + " within 500ms"
                        + " (SESSION_MEMCACHED_CONNECT_TIMEOUT): check that memcached runs there and that"
                        + " SESSION_MEMCACHED is right (SESSION_MEMCACHED=" + live.address() + ",127.0.0.1:"
                        + closedPort + ")");
    }

    @Test
    void anUnknownHostStopsStartUpAndIsNamed() {
        assertThatThrownBy(() -> create(Map.of("SESSION_MEMCACHED", "no-such-host.invalid:11211")))
                .isInstanceOf(SessionBackendException.class)
                .hasMessage("cannot resolve the memcached host(s) no-such-host.invalid of SESSION_MEMCACHED:"
                        + " check the host names and DNS");
    }

    @Test
    void aServerWithoutCasStopsStartUp() {
        try (MemcachedServer noCas = MemcachedServer.start("-C")) {
            assertThatThrownBy(() -> create(Map.of("SESSION_MEMCACHED", noCas.address())))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessage("memcached at " + noCas.address() + " runs with CAS disabled (-C), but sessions need"
                            + " CAS for conditional saves: restart it without -C");
        }
    }

    @Test
    void aServerThatIsNotMemcachedStopsStartUp() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + silent.getLocalPort();

            assertThatThrownBy(() -> create(Map.of(
                    "SESSION_MEMCACHED", address,
                    "SESSION_MEMCACHED_OPERATION_TIMEOUT", "300ms")))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessage("memcached at " + address + " did not answer 'stats settings' within 300ms"
                            + " (SESSION_MEMCACHED_OPERATION_TIMEOUT): check that a memcached server (not another"
                            + " service) listens there");
        }
    }

    @Test
    void deltaWritesOnMemcachedWhichCannotAppendStopStartUp() {
        assertThatThrownBy(() -> manager("SESSION_DELTA_WRITES", "true"))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_DELTA_WRITES was 'true' but the memcached backend in use cannot append to a stored"
                        + " record: it has no RecordAppender. Backends on the classpath that have it: memory; set"
                        + " SESSION_TYPE to one of them, or unset SESSION_DELTA_WRITES.");
    }

    @Test
    void cleanupOnMemcachedWhichCannotSweepStopsStartUp() {
        assertThatThrownBy(() -> manager("SESSION_CLEANUP_N_REQUESTS", "1000"))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_CLEANUP_N_REQUESTS was '1000' but the memcached backend in use cannot sweep expired"
                        + " records: it has no ExpirySweeper. Backends on the classpath that have it: memory; set"
                        + " SESSION_TYPE to one of them, or unset SESSION_CLEANUP_N_REQUESTS.");
    }

    @Test
    void aRecordCacheOnMemcachedWhichCannotRevalidateStopsStartUp() {
        assertThatThrownBy(() -> manager("SESSION_RECORD_CACHE", "64MB"))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_RECORD_CACHE was '64MB' but the memcached backend in use cannot tell whether a"
                        + " record changed without reading it: it has no RecordRevalidator. Backends on the classpath"
                        + " that have it: memory; set SESSION_TYPE to one of them, or unset SESSION_RECORD_CACHE.");
    }

    /** Starts a manager on the shared server, chosen by SESSION_TYPE, with one more setting. */
    private static void manager(String key, String value) {
        SessionManager.create(SessionConfig.builder().put("SESSION_TYPE", "memcached")
                .put("SESSION_MEMCACHED", TestServers.memcached().address()).put(key, value).build()).close();
    }

    private static void create(Map<String, String> settings) {
        MemcachedSessionInterfaceProvider provider = new MemcachedSessionInterfaceProvider();
        provider.create(BackendContext.validate(provider, SessionConfig.builder()
                .put("SESSION_TYPE", "memcached").putAll(settings).build(), Clock.systemUTC())).close();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
