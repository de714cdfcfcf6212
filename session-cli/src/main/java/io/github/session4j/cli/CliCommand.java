package io.github.session4j.cli;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the common options, the output, and opening the configured manager.
 */
abstract class CliCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    private Output output;

    /** The output of this run, made on first use. */
    Output output() {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            output = new Output(out, err, options.json);
        }
        return output;
    }

    /** Opens the application's manager: validates the configuration and connects to its store. */
    SessionManager openManager() {
        SessionConfig config = options.load();
        return SessionManager.create(config);
    }

    @Override
    public final Integer call() {
        return output().finish(run(output()));
    }

    /**
     * Runs the command.
     *
     * @param out where to write
     * @return the exit code
     * @throws CliFailure for a failure with its own exit code
     */
    abstract int run(Output out);
}
