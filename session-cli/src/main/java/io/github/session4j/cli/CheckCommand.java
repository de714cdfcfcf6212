package io.github.session4j.cli;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.SessionInterface;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;

/**
 * {@code check}: validates the configuration (every problem at once, secrets masked), connects,
 * and prints the backend, its capabilities and the round trip time.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates the configuration, connects, prints the backend, its capabilities and the round trip time.",
            "Every problem of the configuration is listed at once, secrets masked.",
            "Exit 0 only when all is well."})
final class CheckCommand extends CliCommand {

    private static final int PROBES = 5;

    @Override
    int run(Output out) {
        SessionConfig config = options.load();
        out.line("configuration: " + config.file().orElse("(no file)") + " " + config);
        try (SessionManager manager = SessionManager.create(config)) {
            SessionInterface backend = manager.backend();
            List<String> capabilities = Capabilities.of(backend);
            double millis = roundTripMillis(manager);
            List<String> warnings = manager.settings().warnings();
            out.line("backend: " + manager.backendName());
            out.line("capabilities: " + (capabilities.isEmpty() ? "none" : String.join(", ", capabilities)));
            out.line(String.format("round trip: %.2f ms (the fastest of %d loads of a key that does not exist)", millis, PROBES));
            warnings.forEach(w -> out.line("warning: " + w));
            out.line("OK");
            out.field("backend", manager.backendName()).field("capabilities", capabilities)
                    .field("roundTripMillis", millis).field("warnings", warnings).field("file", config.file().orElse(null));
            return ExitCodes.OK;
        }
    }

    /** The fastest of a few loads of a random key: one round trip each, nothing found, nothing written. */
    private static double roundTripMillis(SessionManager manager) {
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        String key = manager.storeKey(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        long[] nanos = new long[PROBES];
        for (int i = 0; i < PROBES; i++) {
            long start = System.nanoTime();
            manager.backend().load(key);
            nanos[i] = System.nanoTime() - start;
        }
        return Arrays.stream(nanos).min().orElse(0) / 1_000_000.0;
    }
}
