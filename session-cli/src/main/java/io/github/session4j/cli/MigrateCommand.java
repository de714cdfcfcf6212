package io.github.session4j.cli;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.SessionCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrate --to FILE}: copies every live session from the configured backend to the one
 * {@code FILE} describes, bytes and remaining TTL kept, create-if-absent (so a second run copies
 * nothing twice), resumable with {@code --resume}.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copies every live session to the backend that FILE describes, TTLs and bytes kept.",
            "%nThe configured backend is the source. Each record keeps its key, its bytes (a record signed for its key"
                + " stays valid) and its remaining TTL.",
            "%nCreate-if-absent: a session the target already holds is left alone, so a second run copies nothing twice,"
                + " and an interrupted run can be repeated, or resumed with --resume CURSOR.",
            "%nSigned-in sessions are indexed by user in the target when it keeps the principal index.",
            "%nThe source must be able to list its records (RecordScanner): not memcached, which has no key enumeration.",
            "%nFILE alone configures the target (neither the environment nor -D apply to it). It must have the same"
                + " SESSION_KEY_PREFIX, and the same SECRET_KEY or the source's key among its SECRET_KEY_FALLBACKS."})
final class MigrateCommand extends CliCommand {

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The properties file of the target backend.")
    Path to;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "500",
            description = "Records read per page (1 to " + RecordScanner.MAX_PAGE_SIZE + ", default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--resume", paramLabel = "CURSOR", description = "Go on from this cursor, printed by an interrupted run.")
    String resume;

    @Override
    int run(Output out) {
        if (batch < 1 || batch > RecordScanner.MAX_PAGE_SIZE) {
            throw new CliFailure(ExitCodes.USAGE, "--batch must be between 1 and " + RecordScanner.MAX_PAGE_SIZE + " but was " + batch);
        }
        if (!Files.isRegularFile(to)) {
            throw new CliFailure(ExitCodes.CONFIG, "--to " + to + ": no such file. Name the properties file of the target backend.");
        }
        SessionConfig targetConfig = SessionConfig.builder().file(to).build();
        try (SessionManager source = openManager()) {
            RecordScanner scanner = source.backend().capability(RecordScanner.class)
                    .orElseThrow(() -> Capabilities.missing(source.backendName(), RecordScanner.class, "be a source of migrate:"
                            + " it cannot list its records" + (source.backendName().equals("memcached")
                            ? " (memcached has no key enumeration: keys can only be read by name)" : "")));
            try (SessionManager target = SessionManager.create(targetConfig)) {
                checkCompatible(source, target);
                long total = source.backend().capability(SessionCounter.class).map(SessionCounter::countLive).orElse(-1L);
                Progress progress = new Progress(out.err(), Progress.onTerminal(out), "sessions copied", total);
                Migration migration = new Migration(source, target, scanner, batch, progress);
                out.field("source", source.backendName()).field("target", target.backendName());
                Migration.Totals totals = migration.run(resume);
                progress.done(totals.scanned());
                out.line("migrated " + source.backendName() + " -> " + target.backendName() + ": " + totals.copied() + " copied, "
                        + totals.present() + " already in the target, " + totals.expired() + " expired meanwhile, "
                        + totals.indexed() + " indexed by user; " + totals.scanned() + " records read in " + totals.pages() + " pages");
                if (totals.notIndexed() > 0) {
                    out.note("warning: " + totals.notIndexed() + " signed-in sessions were copied without an entry in the"
                            + " target's principal index (the target refuses their principal)");
                }
                out.field("copied", totals.copied()).field("alreadyPresent", totals.present()).field("expired", totals.expired())
                        .field("indexed", totals.indexed()).field("notIndexed", totals.notIndexed())
                        .field("scanned", totals.scanned()).field("pages", totals.pages());
                return ExitCodes.OK;
            }
        }
    }

    /** The records are copied as they are: they must be readable where they land. */
    private static void checkCompatible(SessionManager source, SessionManager target) {
        String from = source.settings().keyPrefix();
        String into = target.settings().keyPrefix();
        if (!from.equals(into)) {
            throw new CliFailure(ExitCodes.CONFIG, "SESSION_KEY_PREFIX differs: '" + from + "' in the source, '" + into
                    + "' in the target. Records are copied under their own keys (a signed record is bound to its key):"
                    + " set the same prefix in the target's file.");
        }
        Optional<String> sourceKey = source.settings().secretKey();
        Optional<String> targetKey = target.settings().secretKey();
        boolean readable = sourceKey.isEmpty() ? targetKey.isEmpty()
                : Objects.equals(sourceKey, targetKey) || target.settings().secretKeyFallbacks().contains(sourceKey.get());
        if (!readable) {
            throw new CliFailure(ExitCodes.CONFIG, "SECRET_KEY differs between the source and the target (values masked):"
                    + " the target application could not verify the copied records. Use the same SECRET_KEY, or list the"
                    + " source's key in the target's SECRET_KEY_FALLBACKS.");
        }
    }
}
