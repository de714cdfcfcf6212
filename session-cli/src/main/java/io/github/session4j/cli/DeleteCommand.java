package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code delete <session-id>}: ends one session at once.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes one session: the next request with its cookie gets a fresh, empty session.",
            "Exit 1 when no live session has this ID (nothing is deleted then)."})
final class DeleteCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SESSION-ID", description = "The session ID: the value of the session cookie.")
    String sessionId;

    @Override
    int run(Output out) {
        try (SessionManager manager = openManager()) {
            String key = SessionIdArgument.storeKey(manager, sessionId);
            out.field("key", key);
            boolean live = manager.backend().load(key).filter(r -> r.data().length > 0).isPresent();
            if (!live) {
                out.line("no live session has this ID (key " + key + "): nothing deleted");
                out.field("deleted", false);
                return ExitCodes.PROBLEMS;
            }
            // a plain delete: the principal index, where there is one, drops the dead key when next read
            manager.backend().delete(key);
            out.line("deleted the session under key " + key);
            out.field("deleted", true);
            return ExitCodes.OK;
        }
    }
}
