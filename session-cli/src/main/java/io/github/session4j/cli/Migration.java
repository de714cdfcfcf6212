package io.github.session4j.cli;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.RecordWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The copy loop of {@code migrate}: page by page through the source's records, a create-if-absent
 * of each in the target with the same key, bytes and remaining TTL, and the index entry of a
 * signed-in session where the target keeps the principal index.
 */
final class Migration {

    /** What a run did. */
    record Totals(long scanned, long copied, long present, long expired, long indexed, long notIndexed, long pages) {
    }

    private final SessionManager source;
    private final SessionManager target;
    private final RecordScanner scanner;
    private final int batch;
    private final Progress progress;
    private final RecordReader sourceRecords;
    private final TargetIndex index;

    Migration(SessionManager source, SessionManager target, RecordScanner scanner, int batch, Progress progress) {
        this.source = source;
        this.target = target;
        this.scanner = scanner;
        this.batch = batch;
        this.progress = progress;
        this.sourceRecords = new RecordReader(source);
        this.index = new TargetIndex(target);
    }

    /**
     * Copies every live record.
     *
     * @param resume the cursor to go on from, or {@code null} to start at the beginning
     * @return the totals
     * @throws CliFailure with {@link ExitCodes#UNREACHABLE} when a store fails; its message names the cursor to resume from
     */
    Totals run(String resume) {
        long scanned = 0;
        long copied = 0;
        long present = 0;
        long expired = 0;
        long indexed = 0;
        long notIndexed = 0;
        long pages = 0;
        String cursor = resume;
        do {
            RecordScanner.Page page;
            try {
                page = scanner.scan(cursor, batch);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.USAGE, "--resume " + cursor + " is not a cursor of this source: " + e.getMessage());
            }
            pages++;
            for (RecordScanner.Scanned record : page.records()) {
                scanned++;
                Duration ttl = remaining(record.expiresAt());
                if (ttl == null || record.data().length == 0) {
                    expired++;
                    continue;
                }
                Optional<String> principal = principalOf(record);
                IndexChange change = IndexChange.none();
                if (principal.isPresent()) {
                    Optional<String> key = index.principalKey(principal.get());
                    if (key.isPresent()) {
                        change = IndexChange.add(key.get());
                    }
                }
                boolean written;
                try {
                    written = target.backend().write(new RecordWrite.Create(record.key(), record.data(), ttl, change)).isWritten();
                } catch (SessionBackendException e) {
                    throw interrupted(cursor, "writing to the target failed: " + e.getMessage(), copied);
                }
                if (written) {
                    copied++;
                    if (!change.isNone()) {
                        indexed++;
                    } else if (principal.isPresent()) {
                        notIndexed++;
                    }
                } else {
                    present++;
                }
                progress.update(scanned);
            }
            cursor = page.next();
        } while (cursor != null);
        return new Totals(scanned, copied, present, expired, indexed, notIndexed, pages);
    }

    private Duration remaining(Instant expiresAt) {
        if (expiresAt == null) {
            // the store keeps it without an expiry (never the case for the core's records): one idle lifetime
            return source.settings().permanentLifetime();
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return left.isNegative() || left.isZero() ? null : left;
    }

    /** The principal a record is signed in to; a record the source's format cannot read is copied unindexed. */
    private Optional<String> principalOf(RecordScanner.Scanned record) {
        if (!index.enabled()) {
            return Optional.empty();
        }
        return sourceRecords.principal(record.key(), record.data());
    }

    private static CliFailure interrupted(String cursor, String what, long copied) {
        return new CliFailure(ExitCodes.UNREACHABLE, "Migration interrupted after " + copied + " copies: " + what
                + ". Run the same command again (what was copied is not copied twice)"
                + (cursor == null ? "" : ", or add --resume " + cursor + " to skip the pages already done") + ".");
    }
}
