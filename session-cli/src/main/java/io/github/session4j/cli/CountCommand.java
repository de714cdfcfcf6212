package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import io.github.session4j.spi.SessionCounter;
import picocli.CommandLine.Command;

/**
 * {@code count}: the live sessions of the application, where the backend can count them.
 */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = {"Counts the live sessions under SESSION_KEY_PREFIX, where the backend can (SessionCounter).",
            "On Redis and the filesystem this walks every key: meant for an operator, not a monitor polling each second."})
final class CountCommand extends CliCommand {

    @Override
    int run(Output out) {
        try (SessionManager manager = openManager()) {
            SessionCounter counter = manager.backend().capability(SessionCounter.class)
                    .orElseThrow(() -> Capabilities.missing(manager.backendName(), SessionCounter.class, "count its sessions"));
            long live = counter.countLive();
            out.line(live + " live sessions (" + manager.backendName() + ")");
            out.field("backend", manager.backendName()).field("live", live);
            return ExitCodes.OK;
        }
    }
}
