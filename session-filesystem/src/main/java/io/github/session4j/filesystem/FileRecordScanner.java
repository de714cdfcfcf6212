package io.github.session4j.filesystem;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.RecordScanner;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RecordScanner} of the filesystem backend: the {@value FileLayout#LEAVES} leaf
 * directories in order, the files of each in name order. The cursor is {@code leaf/name}, the
 * last file looked at, so a page lists at most one leaf directory more than it returns. Each file
 * is read whole without a lock (a file is always replaced atomically); damaged files, temporary
 * files, expired records and keys that are not {@code prefix} + 43 base64url characters are
 * skipped, and nothing is deleted.
 */
final class FileRecordScanner implements RecordScanner {

    private final SessionFiles files;
    private final Clock clock;
    private final String keyPrefix;
    private final String directory;

    FileRecordScanner(SessionFiles files, Clock clock, String keyPrefix, String directory) {
        this.files = files;
        this.clock = clock;
        this.keyPrefix = keyPrefix;
        this.directory = directory;
    }

    @Override
    public Page scan(String cursor, int limit) {
        RecordScanner.checkLimit(limit);
        int leaf = 0;
        String after = "";
        if (cursor != null) {
            int slash = cursor.indexOf('/');
            try {
                leaf = Integer.parseInt(cursor.substring(0, Math.max(slash, 0)));
            } catch (NumberFormatException e) {
                leaf = -1;
            }
            after = slash < 0 ? "" : cursor.substring(slash + 1);
            if (leaf < 0 || leaf >= FileLayout.LEAVES) {
                throw new IllegalArgumentException("not a cursor of a filesystem scan (leaf/name)");
            }
        }
        long now = clock.millis();
        List<Scanned> records = new ArrayList<>();
        try {
            for (; leaf < FileLayout.LEAVES; leaf++, after = "") {
                List<String> names = files.list(leaf);
                names.sort(null);
                for (String name : names) {
                    if (name.compareTo(after) <= 0 || !FileLayout.isSessionFile(name)) {
                        continue;
                    }
                    read(name, now).ifPresent(records::add);
                    if (records.size() >= limit) {
                        return new Page(records, leaf + "/" + name);
                    }
                }
            }
        } catch (IOException e) {
            throw new SessionBackendException("Could not list the session files in SESSION_FILE_DIR '" + directory + "': " + e
                    + ". Check that this process may read there.", e);
        }
        return new Page(records, null);
    }

    private Optional<Scanned> read(String name, long now) throws IOException {
        try {
            Optional<byte[]> bytes = files.readWhole(name);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            FileFormat.Decoded file = FileFormat.decode(bytes.get());
            if (file.header().expiredAt(now) || !RecordScanner.isSessionKey(file.key(), keyPrefix)) {
                return Optional.empty();
            }
            return Optional.of(new Scanned(file.key(), file.record(), Instant.ofEpochMilli(file.header().expiresAtMillis())));
        } catch (FileFormat.CorruptFileException e) {
            return Optional.empty();
        }
    }
}
