package io.github.session4j.cli;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfigException;
import io.github.session4j.config.Secrets;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The operator's command line for session4j: {@code java -jar session4j-cli.jar <command>}. It
 * reads the configuration the application reads (a properties file, the environment, {@code -D}),
 * so it works on the application's own store.
 */
@Command(name = "session4j-cli", mixinStandardHelpOptions = true, versionProvider = SessionCli.Version.class,
        description = "Checks, counts, sweeps, inspects, deletes, revokes and migrates the sessions of a session4j application.",
        subcommands = {CheckCommand.class, CountCommand.class, SweepCommand.class, InspectCommand.class,
            DeleteCommand.class, RevokeCommand.class, MigrateCommand.class})
public final class SessionCli implements Runnable {

    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // spymemcached logs at INFO on stderr by itself; through SLF4J it obeys simplelogger.properties (warnings only)
        if (System.getProperty("net.spy.log.LoggerImpl") == null) {
            System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit code ({@link ExitCodes})
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new SessionCli());
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler(SessionCli::failed);
        // a session ID may start with '-' (base64url): one that matches no option is taken as the ID
        line.setUnmatchedOptionsArePositionalParams(true);
        documentExitCodes(line);
        return line.execute(args);
    }

    /** Without a command: the usage and exit code 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a command: check, count, sweep, inspect, delete, revoke or migrate.");
    }

    /** Every command's --help lists the exit codes. */
    private static void documentExitCodes(CommandLine line) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String entry : ExitCodes.HELP) {
            int colon = entry.indexOf(':');
            codes.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        line.getSubcommands().values().forEach(SessionCli::documentExitCodes);
    }

    private static int failed(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        int code;
        String message;
        if (e instanceof CliFailure failure) {
            code = failure.exitCode();
            message = failure.getMessage();
        } else if (e instanceof SessionConfigException) {
            code = ExitCodes.CONFIG;
            message = "Invalid configuration: " + e.getMessage();
        } else if (e instanceof SessionBackendException) {
            code = ExitCodes.UNREACHABLE;
            message = "The store failed: " + e.getMessage();
        } else {
            throw new IllegalStateException(e);
        }
        // the core masks secrets in its messages; a URI's password is masked here once more
        message = Secrets.maskUriPasswords(message);
        line.getErr().println(message);
        line.getErr().flush();
        if (line.getCommand() instanceof CliCommand command && command.options.json) {
            return command.output().field("error", message).finish(code);
        }
        return code;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SessionCli.class.getPackage().getImplementationVersion();
            return new String[] {"session4j-cli " + (version == null ? "(development build)" : version)};
        }
    }
}
