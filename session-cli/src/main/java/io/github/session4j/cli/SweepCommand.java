package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import io.github.session4j.spi.ExpirySweeper;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sweep}: deletes expired records now, in batches, with a progress line on a terminal.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Deletes the expired records now, in batches (ExpirySweeper), and prints the total.",
            "Redis and memcached expire records themselves: nothing to sweep there, exit 0."})
final class SweepCommand extends CliCommand {

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000", description = "Records deleted per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Override
    int run(Output out) {
        if (batch < 1) {
            throw new CliFailure(ExitCodes.USAGE, "--batch must be positive but was " + batch);
        }
        try (SessionManager manager = openManager()) {
            Optional<ExpirySweeper> sweeper = manager.backend().capability(ExpirySweeper.class);
            out.field("backend", manager.backendName());
            if (sweeper.isEmpty()) {
                out.line("nothing to sweep: " + manager.backendName() + " removes expired records itself");
                out.field("swept", 0).field("batches", 0).field("storeExpires", true);
                return ExitCodes.OK;
            }
            Progress progress = new Progress(out.err(), Progress.onTerminal(out), "expired records deleted", -1);
            long total = 0;
            int batches = 0;
            int deleted;
            do {
                deleted = sweeper.get().sweepExpired(batch);
                total += deleted;
                batches++;
                progress.update(total);
            } while (deleted >= batch);
            progress.done(total);
            out.line("swept " + total + " expired records in " + batches + " batches (" + manager.backendName() + ")");
            out.field("swept", total).field("batches", batches).field("storeExpires", false);
            return ExitCodes.OK;
        }
    }
}
