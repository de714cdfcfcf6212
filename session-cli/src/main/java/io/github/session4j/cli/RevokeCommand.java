package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import io.github.session4j.spi.PrincipalIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code revoke --user NAME}: ends every session of a user, through the principal index.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Ends every session of a user (password changed, account disabled).",
            "It goes through the sessions-by-user index (SessionManager.endSessions). Needs a backend with the principal index."})
final class RevokeCommand extends CliCommand {

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user's name, as the application signs it in.")
    String user;

    @Override
    int run(Output out) {
        try (SessionManager manager = openManager()) {
            if (!manager.indexesPrincipals()) {
                throw Capabilities.missing(manager.backendName(), PrincipalIndex.class,
                        "find a user's sessions (or SESSION_PRINCIPAL_INDEX=false turned the index off)");
            }
            int ended = manager.endSessions(user);
            out.line("ended " + ended + " session" + (ended == 1 ? "" : "s") + " of the user (" + manager.backendName() + ")");
            out.field("backend", manager.backendName()).field("ended", ended);
            return ExitCodes.OK;
        }
    }
}
