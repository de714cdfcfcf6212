package io.github.session4j.filesystem;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sessions as files: one file per store key under {@code SESSION_FILE_DIR}, named by the SHA-256
 * of the key and sharded into {@code ab/c/} subdirectories.
 *
 * <ul>
 *   <li>Every write goes to a temporary file in the same directory, is fsynced, renamed over the
 *       old file atomically, and the directory is fsynced: a crash leaves the old version or the
 *       new one, never a torn file.</li>
 *   <li>Conditional saves, touches and deletes hold the file's lock (a JVM lock and a POSIX
 *       record lock, see {@link DirectoryLocks}) around read-check-write, so they are safe across
 *       threads and across processes on one host. Loads take no lock: a rename is atomic, so a
 *       reader sees a whole file.</li>
 *   <li>A touch rewrites the whole file through the same atomic path with the new expiry, rather
 *       than patching the header in place: an in-place write could be seen half done by a reader
 *       that takes no lock, or torn by a crash.</li>
 *   <li>The version token is a random 64-bit number, different from the previous one, so a
 *       session deleted and created again never matches a version read before the deletion.</li>
 *   <li>A file whose header or checksums are wrong is deleted with a warning and read as no
 *       session. Expired files are never returned, and are removed by the sweeper.</li>
 *   <li>No symbolic link is followed.</li>
 *   <li>The principal index ({@link PrincipalIndex}) is a directory per principal key under
 *       {@code index/}, with an empty marker file per indexed key ({@link IndexLayout}). A write
 *       changes markers only once it has won, under its key's lock: it adds a marker before it
 *       writes the session file, and removes one after, so a crash in between leaves a marker
 *       too many (a dead member, which the core's listing drops and the sweeper prunes), never
 *       one too few.</li>
 * </ul>
 *
 * <p>Thread-safe. Created by {@link FilesystemSessionInterfaceProvider}.
 */
public final class FilesystemSessionInterface implements SessionInterface, ExpirySweeper, SessionCounter, PrincipalIndex {

    private static final System.Logger LOG = System.getLogger(FilesystemSessionInterface.class.getName());

    private final FilesystemSettings settings;
    private final SessionFiles files;
    private final DirectoryLocks locks;
    private final Clock clock;
    private final FileDeleter deleter;
    private final ExpiredFileSweeper sweeper;
    private final SessionLimit limit;
    private final BackgroundSweeper background;
    private final IndexEntries index;
    private final IndexPruner pruner;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FilesystemSessionInterface(FilesystemSettings settings, Clock clock, DirectoryLocks locks) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.locks = locks;
        FileLayout layout = new FileLayout(settings.directory());
        AtomicLong fileCount = new AtomicLong();
        this.files = new SessionFiles(layout, settings.fileMode(), settings.directoryMode());
        this.deleter = new FileDeleter(files, locks, fileCount);
        this.sweeper = new ExpiredFileSweeper(files, deleter, clock, fileCount);
        this.limit = new SessionLimit(settings.threshold(), files, deleter, clock, fileCount);
        this.index = new IndexEntries(new IndexLayout(settings.directory()), settings.fileMode(), settings.directoryMode());
        this.pruner = new IndexPruner(index, files, locks, clock);
        limit.start();
        this.background = settings.sweepInterval().isZero() ? null
                : new BackgroundSweeper(this::sweepExpired, settings.sweepInterval(), settings.directory().toString());
    }

    /**
     * Opens the backend on a directory that {@link SessionDirectory} has checked.
     *
     * @param settings the settings
     * @param clock the clock of every expiry decision
     * @return the backend
     * @throws SessionBackendException when the lock file cannot be opened or the directory listed
     */
    static FilesystemSessionInterface open(FilesystemSettings settings, Clock clock) {
        DirectoryLocks locks;
        try {
            locks = DirectoryLocks.open(new FileLayout(settings.directory()), settings.fileMode());
        } catch (IOException e) {
            throw new SessionBackendException("Could not open the lock file in " + FilesystemSettings.DIR + " '"
                    + settings.directory() + "': " + e + ". Check that this process may write there.", e);
        }
        try {
            return new FilesystemSessionInterface(settings, clock, locks);
        } catch (IOException e) {
            releaseQuietly(locks, e);
            throw directoryFailure("list the session files in", settings.directory(), e);
        } catch (RuntimeException e) {
            releaseQuietly(locks, e);
            throw e;
        }
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        String name = checkOpen(key);
        try {
            return live(read(name, key), clock.millis());
        } catch (FileFormat.CorruptFileException e) {
            // a damaged file is checked again under its lock, then deleted
            return withLock(name, "read", () -> live(readOrDiscard(name, key), clock.millis()));
        } catch (IOException e) {
            throw fileFailure("read", name, e);
        }
    }

    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        String name = checkOpen(key);
        return withLock(name, "touch", () -> {
            long now = clock.millis();
            Optional<FileFormat.Decoded> found = readOrDiscard(name, key).filter(file -> !file.header().expiredAt(now));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            long expiresAt = expiryOf(ttl, now);
            FileFormat.Decoded file = found.get();
            files.writeAtomically(name, FileFormat.encode(key, file.header().version(), expiresAt, file.record()));
            return Optional.of(new StoredRecord(file.record(), file.header().version(), Instant.ofEpochMilli(expiresAt)));
        });
    }

    /**
     * One locked, atomic file write per write, as before: a create only where no live file is, a
     * replace only where the live file has the expected version. Each reports the version it gave
     * the file. The index change is applied under the same lock once the write has won: the added
     * marker before the session file is written, the removed one after.
     *
     * @throws UnsupportedOperationException for an append: this backend has no
     *     {@link io.github.session4j.spi.RecordAppender}
     * @throws IllegalArgumentException for an index change of a key too long to be indexed
     */
    @Override
    public WriteResult write(RecordWrite write) {
        if (!write.index().isNone()) {
            IndexEntries.requireIndexable(write.key());
        }
        return write.match(create -> createRecord(create.key(), create.record(), create.ttl(), create.index()),
                replace -> replaceRecord(replace.key(), replace.record(), replace.expectedVersion(), replace.ttl(),
                        replace.index()),
                append -> {
                    throw append.unsupported("filesystem");
                });
    }

    /** A file written by a create: its version, and whether it took the place of an expired or damaged one. */
    private record Created(long version, boolean replacedAFile) {
    }

    private WriteResult createRecord(String key, byte[] record, Duration ttl, IndexChange change) {
        String name = checkOpen(key);
        Optional<Created> created = withLock(name, "create", () -> {
            long now = clock.millis();
            Optional<FileFormat.Header> current;
            boolean exists;
            try {
                current = files.readHeader(files.layout().fileOf(name));
                exists = current.isPresent();
            } catch (FileFormat.CorruptFileException e) {
                current = Optional.empty();
                exists = true;
            }
            if (current.isPresent() && !current.get().expiredAt(now)) {
                return Optional.empty();
            }
            long version = newVersion(current.map(FileFormat.Header::version).orElse(0L));
            if (change.added().isPresent()) {
                index.add(change.added().get(), key);
            }
            files.writeAtomically(name, FileFormat.encode(key, version, expiryOf(ttl, now), record));
            return Optional.of(new Created(version, exists));
        });
        if (created.isEmpty()) {
            return WriteResult.lostRace();
        }
        try {
            limit.created(name, created.get().replacedAFile());
        } catch (IOException | SessionBackendException e) {
            // the session is stored; a failed eviction must not make its request fail
            LOG.log(Level.WARNING, "Could not enforce " + FilesystemSettings.THRESHOLD + " in " + settings.directory()
                    + "; the next create over the threshold tries again", e);
        }
        return WriteResult.written(created.get().version());
    }

    private WriteResult replaceRecord(String key, byte[] record, long expectedVersion, Duration ttl, IndexChange change) {
        String name = checkOpen(key);
        return withLock(name, "replace", () -> {
            long now = clock.millis();
            Optional<FileFormat.Header> current = headerOrEmpty(name);
            if (current.isEmpty() || current.get().expiredAt(now) || current.get().version() != expectedVersion) {
                return WriteResult.lostRace();
            }
            long version = newVersion(expectedVersion);
            if (change.added().isPresent()) {
                index.add(change.added().get(), key);
            }
            files.writeAtomically(name, FileFormat.encode(key, version, expiryOf(ttl, now), record));
            if (change.removed().isPresent()) {
                index.remove(change.removed().get(), key);
            }
            return WriteResult.written(version);
        });
    }

    @Override
    public void delete(String key) {
        String name = checkOpen(key);
        withLock(name, "delete", () -> deleter.delete(name, true));
    }

    /**
     * Lists the markers of the principal key's directory, in ascending order of the keys; may
     * return keys of dead records (their markers go when the core unindexes them, or the sweeper
     * prunes them).
     *
     * @throws IllegalArgumentException if {@code limit} is out of range
     */
    @Override
    public List<String> indexedKeys(String principalKey, String after, int limit) {
        Objects.requireNonNull(principalKey, "principalKey");
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit was " + limit + " but it must be 1 to " + MAX_PAGE_SIZE);
        }
        checkOpen(principalKey);
        try {
            return index.page(principalKey, after, limit);
        } catch (IOException e) {
            throw directoryFailure("list the principal index in", settings.directory(), e);
        }
    }

    /** Unlinks the keys' markers, with one fsync of the principal key's directory. */
    @Override
    public void unindex(String principalKey, Collection<String> keys) {
        Objects.requireNonNull(principalKey, "principalKey");
        checkOpen(principalKey);
        try {
            index.removeAll(principalKey, keys);
        } catch (IOException e) {
            throw directoryFailure("update the principal index in", settings.directory(), e);
        }
    }

    /** Under the key's lock: deletes the session file, then its marker (a crash in between leaves a dead member). */
    @Override
    public void deleteIndexed(String key, String principalKey) {
        Objects.requireNonNull(principalKey, "principalKey");
        String name = checkOpen(key);
        withLock(name, "delete", () -> {
            deleter.delete(name, true);
            return index.remove(principalKey, key);
        });
    }

    /**
     * The capabilities of this class, except {@link PrincipalIndex} when the keys of this
     * {@code SESSION_KEY_PREFIX} are too long for a marker's file name, and {@link RecordScanner}
     * ({@link FileRecordScanner}).
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == PrincipalIndex.class && IndexLayout.markerOf(settings.keyPrefix() + "A".repeat(43)).isEmpty()) {
            return Optional.empty();
        }
        if (type == RecordScanner.class) {
            return Optional.of(type.cast(new FileRecordScanner(files, clock, settings.keyPrefix(), settings.directory().toString())));
        }
        return SessionInterface.super.capability(type);
    }

    @Override
    public void touch(String key, Duration ttl) {
        loadAndTouch(key, ttl);
    }

    /**
     * Deletes at most {@code maxRecords} expired (or damaged) session files, resuming the walk of
     * the shard directories where the previous call stopped. Each file is locked only while it is
     * deleted, so requests go on meanwhile. Then prunes the principal index of markers of dead
     * records, looking at about {@code maxRecords} markers ({@link IndexPruner}); those are not
     * counted.
     *
     * @param maxRecords the most files to delete, positive
     * @return how many were deleted
     * @throws IllegalArgumentException if {@code maxRecords} is not positive
     * @throws SessionBackendException when the directory cannot be read or a file deleted
     */
    @Override
    public int sweepExpired(int maxRecords) {
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords was " + maxRecords + " but it must be positive");
        }
        try {
            int deleted = sweeper.sweep(maxRecords);
            pruner.prune(maxRecords);
            return deleted;
        } catch (IOException e) {
            throw directoryFailure("sweep expired session files in", settings.directory(), e);
        }
    }

    /**
     * Counts the live session files whose key starts with the configured {@code SESSION_KEY_PREFIX}.
     * Reads every file: meant for admin tools, not for requests.
     *
     * @return the number of live sessions
     * @throws SessionBackendException when the directory cannot be read
     */
    @Override
    public long countLive() {
        long now = clock.millis();
        long count = 0;
        try {
            for (int leaf = 0; leaf < FileLayout.LEAVES; leaf++) {
                for (String name : files.list(leaf)) {
                    if (FileLayout.isSessionFile(name) && isLiveUnderPrefix(name, now)) {
                        count++;
                    }
                }
            }
        } catch (IOException e) {
            throw directoryFailure("count the session files in", settings.directory(), e);
        }
        return count;
    }

    /** Stops the background sweeper and releases the lock file. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (background != null) {
                background.close();
            }
        } finally {
            try {
                locks.release();
            } catch (IOException e) {
                throw directoryFailure("close the lock file of", settings.directory(), e);
            }
        }
    }

    /** @return how many damaged files this instance deleted; for tests and monitoring */
    long damagedFilesDeleted() {
        return deleter.damagedFilesDeleted();
    }

    private boolean isLiveUnderPrefix(String name, long now) throws IOException {
        try {
            return files.readWhole(name).map(FilesystemSessionInterface::decodeOrNull)
                    .filter(file -> file != null && !file.header().expiredAt(now) && file.key().startsWith(settings.keyPrefix()))
                    .isPresent();
        } catch (FileFormat.CorruptFileException e) {
            return false;
        }
    }

    private static FileFormat.Decoded decodeOrNull(byte[] bytes) {
        try {
            return FileFormat.decode(bytes);
        } catch (FileFormat.CorruptFileException e) {
            return null;
        }
    }

    /** Reads and decodes the file of {@code key} without a lock. */
    private Optional<FileFormat.Decoded> read(String name, String key) throws IOException, FileFormat.CorruptFileException {
        Optional<byte[]> bytes = files.readWhole(name);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        FileFormat.Decoded file = FileFormat.decode(bytes.get());
        if (!file.key().equals(key)) {
            throw new FileFormat.CorruptFileException("holds another key than the one its name is the hash of");
        }
        return Optional.of(file);
    }

    /** Reads the file of {@code key} under its lock, deleting it if it is damaged. */
    private Optional<FileFormat.Decoded> readOrDiscard(String name, String key) throws IOException {
        try {
            return read(name, key);
        } catch (FileFormat.CorruptFileException e) {
            deleter.deleteDamaged(name, e);
            return Optional.empty();
        }
    }

    /** The header under the lock; a damaged file counts as absent and is overwritten by the caller. */
    private Optional<FileFormat.Header> headerOrEmpty(String name) throws IOException {
        try {
            return files.readHeader(files.layout().fileOf(name));
        } catch (FileFormat.CorruptFileException e) {
            return Optional.empty();
        }
    }

    private static Optional<StoredRecord> live(Optional<FileFormat.Decoded> file, long now) {
        return file.filter(f -> !f.header().expiredAt(now))
                .map(f -> new StoredRecord(f.record(), f.header().version(), Instant.ofEpochMilli(f.header().expiresAtMillis())));
    }

    private static long expiryOf(Duration ttl, long now) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl was " + ttl + " but it must be positive");
        }
        return ttl.compareTo(Duration.ofMillis(Long.MAX_VALUE - now)) >= 0 ? Long.MAX_VALUE : now + ttl.toMillis();
    }

    private static long newVersion(long previous) {
        long version;
        do {
            version = ThreadLocalRandom.current().nextLong();
        } while (version == previous);
        return version;
    }

    private String checkOpen(String key) {
        if (closed.get()) {
            throw new SessionBackendException("The filesystem session backend on " + settings.directory()
                    + " is closed; create a new one.");
        }
        return FileLayout.nameOf(key);
    }

    private <T> T withLock(String name, String action, DirectoryLocks.Locked<T> work) {
        try {
            return locks.underLock(name, work);
        } catch (IOException e) {
            throw fileFailure(action, name, e);
        }
    }

    private SessionBackendException fileFailure(String action, String name, IOException e) {
        return new SessionBackendException("Could not " + action + " session file " + files.layout().fileOf(name) + ": " + e
                + ". Check the disk and the permissions of " + FilesystemSettings.DIR + ".", e);
    }

    private static SessionBackendException directoryFailure(String action, Path directory, IOException e) {
        return new SessionBackendException("Could not " + action + " " + FilesystemSettings.DIR + " '" + directory + "': " + e
                + ". Check the disk and the permissions of the directory.", e);
    }

    private static void releaseQuietly(DirectoryLocks locks, Exception cause) {
        try {
            locks.release();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
