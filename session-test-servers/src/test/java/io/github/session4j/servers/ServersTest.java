package io.github.session4j.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces of the servers package that need no server binary. */
class ServersTest {

    @Test
    void aMissingBinaryFailsWithHowToInstallIt() {
        assertThatThrownBy(() -> ServerProcess.start("none", "session4j-no-such-server", "install it with"
                + " `bash scripts/services/none.sh`", (port, dir) -> List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("session4j-no-such-server was not found on the PATH: install it with"
                        + " `bash scripts/services/none.sh`");
    }

    @Test
    void theProxyRelaysStopsAndStartsAgainOnTheSamePort() throws IOException {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TcpProxy proxy = TcpProxy.started(echo.getLocalPort())) {
            Thread server = new Thread(() -> echoLoop(echo), "echo");
            server.setDaemon(true);
            server.start();
            assertThat(roundTrip(proxy.port(), "one")).isEqualTo("one");

            proxy.stop();
            assertThat(Loopback.listening(proxy.port())).isFalse();

            proxy.start();
            proxy.replyDelay(Duration.ofMillis(50));
            assertThat(roundTrip(proxy.port(), "two")).isEqualTo("two");
        }
    }

    @Test
    void aPlantedFileReadsBackThroughTheSideDoorAndTheLayout(@TempDir Path dir) {
        FilesystemSideDoor files = new FilesystemSideDoor(dir, Clock.systemUTC());
        long expiresAt = System.currentTimeMillis() + 60_000;
        files.plant("session:abc", 7, expiresAt, new byte[] {1, 2, 3});

        assertThat(files.read("session:abc")).hasValue(new byte[] {1, 2, 3});
        assertThat(files.keys("session:")).containsExactly("session:abc");
        FilesystemLayout.Parsed parsed = FilesystemLayout.parse(FilesystemLayout.pathOf(dir, "session:abc"));
        assertThat(parsed.version()).isEqualTo(7);
        assertThat(parsed.expiresAtMillis()).isEqualTo(expiresAt);

        files.write("session:abc", new byte[] {9});
        assertThat(files.read("session:abc")).hasValue(new byte[] {9});
        assertThat(FilesystemLayout.parse(FilesystemLayout.pathOf(dir, "session:abc")).version()).isEqualTo(7);
        assertThat(Files.exists(FilesystemLayout.pathOf(dir, "session:other"))).isFalse();
    }

    @Test
    void aGlobEscapeMatchesOnlyTheLiteral() {
        assertThat(RedisSideDoor.globEscape("a*b?c[d]e\\f:")).isEqualTo("a\\*b\\?c\\[d\\]e\\\\f:");
    }

    private static String roundTrip(int port, String text) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write((text + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(text.length());
            return new String(answer, StandardCharsets.US_ASCII);
        }
    }

    private static void echoLoop(ServerSocket echo) {
        while (!echo.isClosed()) {
            try {
                Socket client = echo.accept();
                Thread thread = new Thread(() -> {
                    try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // the proxy closed the connection
                    }
                }, "echo-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
