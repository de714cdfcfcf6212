package io.github.session4j.filesystem;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enforces {@code SESSION_FILE_THRESHOLD}: when a create takes the number of session files over
 * the threshold, expired and damaged files are deleted first, then the live sessions closest to
 * their expiry, with a warning, never a session picked at random and never the one just created.
 *
 * <p>The number of files is an estimate kept by this process (counted at start, moved by its own
 * creates and deletes, and reset by every full pass of the sweeper and every eviction). An
 * eviction reads every header, so it makes room for 1% of the threshold at once: the scan then
 * runs once per that many creates, not on every create. One eviction runs at a time; creates
 * that arrive meanwhile do not wait for it.
 */
final class SessionLimit {

    private static final System.Logger LOG = System.getLogger(SessionLimit.class.getName());

    private final long threshold;
    private final SessionFiles files;
    private final FileDeleter deleter;
    private final Clock clock;
    private final AtomicLong fileCount;
    private final AtomicBoolean evicting = new AtomicBoolean();

    SessionLimit(long threshold, SessionFiles files, FileDeleter deleter, Clock clock, AtomicLong fileCount) {
        this.threshold = threshold;
        this.files = files;
        this.deleter = deleter;
        this.clock = clock;
        this.fileCount = fileCount;
    }

    /**
     * Counts the files present at start, when there is a threshold to enforce.
     *
     * @throws IOException when the directory cannot be listed
     */
    void start() throws IOException {
        if (threshold > 0) {
            long count = 0;
            for (int leaf = 0; leaf < FileLayout.LEAVES; leaf++) {
                count += files.list(leaf).stream().filter(FileLayout::isSessionFile).count();
            }
            fileCount.set(count);
        }
    }

    /**
     * Called after a create: counts the new file and evicts when over the threshold.
     *
     * @param created the name of the file just created, which is never evicted
     * @param replacedAFile whether an expired or damaged file was overwritten (the count stays)
     * @throws IOException when files cannot be read or deleted
     */
    void created(String created, boolean replacedAFile) throws IOException {
        long count = replacedAFile ? fileCount.get() : fileCount.incrementAndGet();
        if (threshold == 0 || count <= threshold || !evicting.compareAndSet(false, true)) {
            return;
        }
        try {
            evict(created);
        } finally {
            evicting.set(false);
        }
    }

    private void evict(String keep) throws IOException {
        long now = clock.millis();
        List<Candidate> live = new ArrayList<>();
        long expired = 0;
        for (int leaf = 0; leaf < FileLayout.LEAVES; leaf++) {
            for (String name : files.list(leaf)) {
                if (!FileLayout.isSessionFile(name) || name.equals(keep)) {
                    continue;
                }
                Optional<FileFormat.Header> header = headerOf(name);
                if (header.isPresent() && !header.get().expiredAt(now)) {
                    live.add(new Candidate(name, header.get().expiresAtMillis()));
                } else if (deleter.deleteIf(name, h -> h.expiredAt(now), true)) {
                    expired++;
                }
            }
        }
        long target = threshold - Math.max(1, threshold / 100);
        long excess = live.size() + 1 - target;
        long evicted = 0;
        if (excess > 0) {
            live.sort(Comparator.comparingLong(Candidate::expiresAtMillis));
            for (Candidate candidate : live.subList(0, (int) Math.min(excess, live.size()))) {
                if (deleter.deleteIf(candidate.name(), h -> h.expiresAtMillis() == candidate.expiresAtMillis(), true)) {
                    evicted++;
                }
            }
            LOG.log(Level.WARNING, "SESSION_FILE_THRESHOLD of {0} sessions exceeded in {1}: deleted {2} expired files and the {3}"
                    + " live sessions closest to expiry. Raise SESSION_FILE_THRESHOLD or shorten the session lifetime.",
                    threshold, files.layout().root(), expired, evicted);
        }
        fileCount.set(live.size() + 1 - evicted);
    }

    /** The header, or empty when the file is gone or damaged (then the deletion pass takes it). */
    private Optional<FileFormat.Header> headerOf(String name) throws IOException {
        try {
            return files.readHeader(files.layout().fileOf(name));
        } catch (FileFormat.CorruptFileException e) {
            return Optional.empty();
        }
    }

    private record Candidate(String name, long expiresAtMillis) {
    }
}
