package io.github.session4j.filesystem;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes the markers of dead records out of the principal index, as part of each sweep: a marker
 * whose session file is missing, expired, damaged or empty (the core's tombstone) stands for no
 * session. Such markers are left by a plain delete, by expiry, by an eviction over
 * {@code SESSION_FILE_THRESHOLD}, and by a crash between a write's marker and its session file.
 *
 * <p>Walks the 256 shards of the index in turn, resuming where the previous call stopped. Each
 * marker is checked again under its key's lock before it goes, so a key created again meanwhile
 * keeps its marker. Markers are not counted as records: a sweep reports only the session files it
 * deleted.
 */
final class IndexPruner {

    private final IndexEntries entries;
    private final SessionFiles files;
    private final DirectoryLocks locks;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private int cursor;

    IndexPruner(IndexEntries entries, SessionFiles files, DirectoryLocks locks, Clock clock) {
        this.entries = entries;
        this.files = files;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * Visits shards until it has looked at {@code maxMarkers} markers or at every shard once, and
     * removes the markers of dead records, and entry directories left empty. A call that finds
     * another one running returns 0 at once.
     *
     * @param maxMarkers about how many markers to look at (whole entries are visited)
     * @return how many markers it removed
     * @throws IOException when a directory or file cannot be read or removed
     */
    int prune(int maxMarkers) throws IOException {
        if (!running.tryLock()) {
            return 0;
        }
        try {
            int seen = 0;
            int removed = 0;
            for (int visited = 0; visited < IndexLayout.SHARDS && seen < maxMarkers; visited++) {
                for (Path entry : entries.entries(cursor)) {
                    List<String> keys = entries.keysIn(entry);
                    seen += keys.size();
                    for (String key : keys) {
                        if (isDead(key) && removeUnderLock(entry, key)) {
                            removed++;
                        }
                    }
                    entries.dropIfEmpty(entry);
                }
                cursor = (cursor + 1) % IndexLayout.SHARDS;
            }
            return removed;
        } finally {
            running.unlock();
        }
    }

    private boolean removeUnderLock(Path entry, String key) throws IOException {
        return locks.underLock(FileLayout.nameOf(key), () -> isDead(key) && entries.removeMarker(entry, key));
    }

    private boolean isDead(String key) throws IOException {
        long now = clock.millis();
        try {
            return files.readHeader(files.layout().fileOf(FileLayout.nameOf(key)))
                    .map(header -> header.expiredAt(now) || header.recordLength() == 0)
                    .orElse(true);
        } catch (FileFormat.CorruptFileException e) {
            return true;
        }
    }
}
