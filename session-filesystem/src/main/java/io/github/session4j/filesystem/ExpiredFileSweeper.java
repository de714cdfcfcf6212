package io.github.session4j.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Deletes expired and damaged session files in batches, walking the 4096 leaf directories in turn
 * and resuming where the previous batch stopped. Each file is deleted under its own lock, held
 * only for that file, so requests are never blocked by a sweep. Temporary files left behind by a
 * writer that died (older than {@link #STRAY_TEMP_AGE}) are removed on the way.
 *
 * <p>Deletions are not fsynced: a file that a crash brings back is still expired (or damaged, or
 * stale), so loads still ignore it and the next sweep deletes it again. This keeps a sweep of many
 * files from costing one directory flush per leaf.
 *
 * <p>The age of temporary files is measured against the system clock, since it is compared with
 * the modification time the operating system wrote; session expiry uses the configured clock.
 */
final class ExpiredFileSweeper {

    /** Temporary files older than this belong to a writer that died. */
    static final Duration STRAY_TEMP_AGE = Duration.ofMinutes(10);

    private final SessionFiles files;
    private final FileDeleter deleter;
    private final Clock clock;
    private final AtomicLong fileCount;
    private final ReentrantLock running = new ReentrantLock();
    private int cursor;
    private long filesSeenThisPass;

    ExpiredFileSweeper(SessionFiles files, FileDeleter deleter, Clock clock, AtomicLong fileCount) {
        this.files = files;
        this.deleter = deleter;
        this.clock = clock;
        this.fileCount = fileCount;
    }

    /**
     * Deletes at most {@code maxRecords} expired or damaged session files, visiting each leaf
     * directory at most once. A sweep that finds another one running returns 0 at once.
     *
     * @param maxRecords the most files to delete
     * @return how many were deleted; fewer than {@code maxRecords} means a whole pass found no more
     * @throws IOException when a directory or file cannot be read or deleted
     */
    int sweep(int maxRecords) throws IOException {
        if (!running.tryLock()) {
            return 0;
        }
        try {
            int deleted = 0;
            for (int visited = 0; visited < FileLayout.LEAVES && deleted < maxRecords; ) {
                LeafSweep leaf = sweepLeaf(cursor, maxRecords - deleted);
                deleted += leaf.deleted();
                if (leaf.finished()) {
                    filesSeenThisPass += leaf.remaining();
                    visited++;
                    advance();
                }
            }
            return deleted;
        } finally {
            running.unlock();
        }
    }

    private void advance() {
        cursor = (cursor + 1) % FileLayout.LEAVES;
        if (cursor == 0) {
            // a whole pass corrects the estimate that creates and deletes of other processes skew
            fileCount.set(filesSeenThisPass);
            filesSeenThisPass = 0;
        }
    }

    private LeafSweep sweepLeaf(int leaf, int budget) throws IOException {
        long now = clock.millis();
        long staleBefore = System.currentTimeMillis() - STRAY_TEMP_AGE.toMillis();
        Path directory = files.layout().leafDirectory(leaf);
        int deleted = 0;
        int remaining = 0;
        boolean finished = true;
        for (String name : files.list(leaf)) {
            if (FileLayout.isSessionFile(name)) {
                if (deleted == budget) {
                    finished = false;
                    break;
                }
                if (isExpiredOrDamaged(directory.resolve(name), now)
                        && deleter.deleteIf(name, header -> header.expiredAt(now), false)) {
                    deleted++;
                } else {
                    remaining++;
                }
            } else if (FileLayout.isTempFile(name) && isOlderThan(directory.resolve(name), staleBefore)) {
                Files.deleteIfExists(directory.resolve(name));
            }
        }
        return new LeafSweep(deleted, remaining, finished);
    }

    private boolean isExpiredOrDamaged(Path file, long now) throws IOException {
        try {
            return files.readHeader(file).map(header -> header.expiredAt(now)).orElse(false);
        } catch (FileFormat.CorruptFileException e) {
            return true;
        }
    }

    private static boolean isOlderThan(Path file, long epochMillis) throws IOException {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis() < epochMillis;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private record LeafSweep(int deleted, int remaining, boolean finished) {
    }
}
