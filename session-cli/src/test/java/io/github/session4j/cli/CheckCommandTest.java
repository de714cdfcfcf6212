package io.github.session4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.Loopback;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check}: exit 0 only when the configuration is valid and the store answers. */
class CheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void aValidConfigurationAndAReachableStoreIsOk() {
        Path file = Stores.write(dir.resolve("session.properties"), Stores.filesystem(dir.resolve("files"), Stores.prefix()));

        Cli.Result result = Cli.run("check", "--config", file.toString());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("backend: filesystem\n", "capabilities: SessionCounter, ExpirySweeper, RecordScanner, PrincipalIndex\n",
                "round trip: ", "SECRET_KEY=****", "\nOK\n").doesNotContain(Stores.SECRET);
    }

    @Test
    void redisByTheEnvironmentWithJsonOutput() {
        Cli.Result result = Cli.run(Map.of("SESSION_TYPE", "redis", "SESSION_REDIS", "redis://127.0.0.1:6379",
                "SECRET_KEY", Stores.SECRET), "check", "--json");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).startsWith("{\"ok\":true,\"exitCode\":0,\"backend\":\"redis\",\"capabilities\":[\"SessionCounter\","
                + "\"RecordScanner\",").contains("\"roundTripMillis\":").doesNotContain(Stores.SECRET);
    }

    @Test
    void everyProblemOfTheConfigurationIsListedAtOnceWithSecretsMasked() {
        Map<String, String> settings = Stores.filesystem(dir.resolve("files"), Stores.prefix());
        settings.put("SECRET_KEY", "too-short-secret");
        settings.put("SESSION_COOKIE_SAMESITE", "Sometimes");
        settings.put("SESSION_COKIE_NAME", "sid");
        Path file = Stores.write(dir.resolve("session.properties"), settings);

        Cli.Result result = Cli.run("check", "--config", file.toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.err()).startsWith("Invalid configuration: Invalid session4j configuration (3 problems):")
                .contains("SESSION_COOKIE_SAMESITE was 'Sometimes' but it must be Strict, Lax or None", "SESSION_COKIE_NAME", "SECRET_KEY")
                .doesNotContain("too-short-secret");
        assertThat(result.out()).doesNotContain("too-short-secret");
    }

    @Test
    void anUnsetTypeIsAnInvalidConfiguration() {
        Cli.Result result = Cli.run("check", "--json");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.out()).startsWith("{\"ok\":false,\"exitCode\":3,\"error\":\"Invalid configuration: ").contains("SESSION_TYPE");
    }

    @Test
    void aMissingConfigFileIsAnInvalidConfiguration() {
        Cli.Result result = Cli.run("check", "--config", dir.resolve("nowhere.properties").toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.err()).contains("nowhere.properties");
    }

    @Test
    void aStoreOnAClosedPortIsUnreachable() {
        int closed = Loopback.freePort();

        Cli.Result result = Cli.run("check", "-D", "SESSION_TYPE=redis", "-D", "SESSION_REDIS=redis://:hunter2@127.0.0.1:" + closed,
                "-D", "SESSION_REDIS_CONNECT_TIMEOUT=2s");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(4);
        assertThat(result.err()).startsWith("The store failed: Could not connect to Redis at redis://:****@127.0.0.1:" + closed)
                .doesNotContain("hunter2");
    }

    @Test
    void aDatabaseOnAClosedPortIsUnreachable() {
        int closed = Loopback.freePort();

        Cli.Result result = Cli.run("check", "-D", "SESSION_TYPE=jdbc", "-D", "SESSION_JDBC_URL=jdbc:postgresql://127.0.0.1:" + closed + "/x",
                "-D", "SESSION_JDBC_PASSWORD=hunter2", "-D", "SESSION_JDBC_CONNECT_TIMEOUT=2s");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(4);
        assertThat(result.err() + result.out()).doesNotContain("hunter2");
    }
}
