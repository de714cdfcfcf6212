package io.github.session4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The command line itself: help on every command, usage errors exit 2. */
class UsageTest {

    @ParameterizedTest
    @ValueSource(strings = {"check", "count", "sweep", "inspect", "delete", "revoke", "migrate"})
    void everyCommandHasHelpWithTheExitCodes(String command) {
        Cli.Result result = Cli.run(command, "--help");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).startsWith("Usage: session4j-cli " + command).contains("--config=FILE", "--json", "-D=KEY=VALUE")
                .contains("Exit codes:", "3   the configuration is invalid", "4   the store is unreachable or failed");
    }

    @Test
    void theTopLevelHelpListsEveryCommand() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("check", "count", "sweep", "inspect", "delete", "revoke", "migrate");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = Cli.run();

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("Name a command: check, count, sweep, inspect, delete, revoke or migrate.");
    }

    @Test
    void anUnknownOptionOrAMissingArgumentIsAUsageError() {
        assertThat(Cli.run("count", "--frobnicate").exitCode()).isEqualTo(2);
        Cli.Result missing = Cli.run("inspect");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter: 'SESSION-ID'");
        assertThat(Cli.run("migrate").err()).contains("Missing required option: '--to=FILE'");
    }
}
