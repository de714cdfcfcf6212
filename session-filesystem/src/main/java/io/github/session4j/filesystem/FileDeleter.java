package io.github.session4j.filesystem;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Deletes session files under their lock, keeps the estimate of the number of files, and reports
 * damaged files: a file whose header or checksum is wrong is unreadable, so it is deleted with a
 * warning and counts as no session.
 */
final class FileDeleter {

    private static final System.Logger LOG = System.getLogger(FileDeleter.class.getName());

    private final SessionFiles files;
    private final DirectoryLocks locks;
    private final AtomicLong fileCount;
    private final AtomicLong damaged = new AtomicLong();

    FileDeleter(SessionFiles files, DirectoryLocks locks, AtomicLong fileCount) {
        this.files = files;
        this.locks = locks;
        this.fileCount = fileCount;
    }

    /**
     * Takes the file's lock and deletes it if it is damaged or its header still meets
     * {@code condition}; the condition is checked again under the lock because another writer may
     * have replaced the file since the caller looked.
     *
     * @param name the session file name
     * @param condition what the header must still say for the file to go
     * @param sync whether to fsync the directory right away
     * @return whether the file was deleted
     * @throws IOException when the file cannot be read or deleted
     */
    boolean deleteIf(String name, Predicate<FileFormat.Header> condition, boolean sync) throws IOException {
        return locks.underLock(name, () -> {
            Path file = files.layout().fileOf(name);
            try {
                Optional<FileFormat.Header> header = files.readHeader(file);
                if (header.isEmpty() || !condition.test(header.get())) {
                    return false;
                }
            } catch (FileFormat.CorruptFileException e) {
                warnDamaged(file, e);
            }
            return delete(name, sync);
        });
    }

    /**
     * Deletes a damaged file whose lock the caller holds.
     *
     * @param name the session file name
     * @param reason what is wrong with it
     * @throws IOException when it cannot be deleted
     */
    void deleteDamaged(String name, FileFormat.CorruptFileException reason) throws IOException {
        warnDamaged(files.layout().fileOf(name), reason);
        delete(name, true);
    }

    /**
     * Deletes a file whose lock the caller holds.
     *
     * @param name the session file name
     * @param sync whether to fsync the directory right away
     * @return whether there was a file to delete
     * @throws IOException when it cannot be deleted
     */
    boolean delete(String name, boolean sync) throws IOException {
        boolean deleted = files.delete(files.layout().fileOf(name), sync);
        if (deleted) {
            fileCount.decrementAndGet();
        }
        return deleted;
    }

    /** @return how many damaged files were deleted since start */
    long damagedFilesDeleted() {
        return damaged.get();
    }

    private void warnDamaged(Path file, FileFormat.CorruptFileException reason) {
        damaged.incrementAndGet();
        LOG.log(Level.WARNING, "Deleting damaged session file {0}: it {1}. It is treated as no session.", file,
                reason.getMessage());
    }
}
