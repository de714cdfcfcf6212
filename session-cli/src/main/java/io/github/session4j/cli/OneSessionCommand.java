package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import io.github.session4j.spi.StoredRecord;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/**
 * A command on one session named by its ID (the cookie's value): opens the manager, turns the ID
 * into its store key (never printing the ID) and loads the record.
 */
abstract class OneSessionCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "SESSION-ID", description = {"The session ID: the value of the session cookie.",
                "An ID may begin with '-': put -- before it (inspect --config FILE -- ID)."})
    String sessionId;

    @Override
    final int run(Output out) {
        try (SessionManager manager = openManager()) {
            String key = SessionIdArgument.storeKey(manager, sessionId);
            out.field("key", key);
            // an empty record is the core's tombstone of a regenerated session: no session
            return run(out, manager, key, manager.backend().load(key).filter(r -> r.data().length > 0));
        }
    }

    /**
     * Runs the command on the session.
     *
     * @param out where to write
     * @param manager the application's manager, open
     * @param key the session's store key
     * @param live its record, or empty when no live session has this ID
     * @return the exit code
     */
    abstract int run(Output out, SessionManager manager, String key, Optional<StoredRecord> live);
}
