package io.github.session4j.cli;

/**
 * The exit codes of every command, documented in {@code --help} and the README.
 */
public final class ExitCodes {

    /** All is well. */
    public static final int OK = 0;
    /** The command ran and found a problem: no such session, a record refused, sessions left behind. */
    public static final int PROBLEMS = 1;
    /** The command line is wrong (picocli's usage error). */
    public static final int USAGE = 2;
    /** The configuration is invalid (every problem is listed). */
    public static final int CONFIG = 3;
    /** The store cannot be reached, or failed. */
    public static final int UNREACHABLE = 4;
    /** The configured backend lacks the capability the command needs (the message names backends that have it). */
    public static final int UNSUPPORTED = 5;

    /** The exit code list shown in every command's {@code --help}. */
    static final String[] HELP = {
        "0:all is well",
        "1:problems found (no such session, a record refused, records not copied)",
        "2:usage error on the command line",
        "3:the configuration is invalid",
        "4:the store is unreachable or failed",
        "5:the backend cannot do this (the message names backends that can)",
    };

    private ExitCodes() {
    }
}
