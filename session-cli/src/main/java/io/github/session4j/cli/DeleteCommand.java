package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.StoredRecord;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code delete <session-id>}: ends one session at once.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes one session: the next request with its cookie gets a fresh, empty session.",
            "A signed-in session leaves its user's entry in the principal index at the same time.",
            "Exit 1 when no live session has this ID (nothing is deleted then)."})
final class DeleteCommand extends OneSessionCommand {

    @Override
    int run(Output out, SessionManager manager, String key, Optional<StoredRecord> live) {
        if (live.isEmpty()) {
            out.line("no live session has this ID (key " + key + "): nothing deleted");
            out.field("deleted", false);
            return ExitCodes.PROBLEMS;
        }
        Optional<String> principal = manager.indexesPrincipals()
                ? new RecordReader(manager).principal(key, live.get().data()) : Optional.empty();
        Optional<PrincipalIndex> index = manager.backend().capability(PrincipalIndex.class);
        if (principal.isPresent() && index.isPresent()) {
            // the record and its entry in the user's index go together
            index.get().deleteIndexed(key, manager.principalKey(principal.get()));
        } else {
            manager.backend().delete(key);
        }
        out.line("deleted the session under key " + key);
        out.field("deleted", true);
        return ExitCodes.OK;
    }
}
