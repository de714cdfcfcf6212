package io.github.session4j.filesystem;

import io.github.session4j.SessionBackendException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The file operations of the principal index ({@link IndexLayout}): a marker file per indexed key,
 * created and unlinked on its own, so that no operation reads, changes and writes back a shared
 * file. Two threads or processes that index keys under one principal at once each create their
 * own directory entry: neither can lose the other's. An entry's directory is removed when it is
 * left empty; an add that finds it removed under it makes it again.
 *
 * <p>Adds and removes are durable when they return (the entry's directory is fsynced). None of
 * these methods takes a lock: a write changes the entries of its key while it holds that key's
 * lock ({@link DirectoryLocks}), which orders it with every other write of the key.
 */
final class IndexEntries {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** An add that finds its entry's directory removed under it this many times in a row gives up. */
    private static final int ATTEMPTS = 100;

    private final IndexLayout layout;
    private final Set<PosixFilePermission> fileMode;
    private final Set<PosixFilePermission> directoryMode;

    IndexEntries(IndexLayout layout, Set<PosixFilePermission> fileMode, Set<PosixFilePermission> directoryMode) {
        this.layout = layout;
        this.fileMode = fileMode;
        this.directoryMode = directoryMode;
    }

    /** @return the layout */
    IndexLayout layout() {
        return layout;
    }

    /**
     * Checks that a store key can be indexed.
     *
     * @param key the store key
     * @throws IllegalArgumentException when its marker name would be too long
     */
    static void requireIndexable(String key) {
        if (IndexLayout.markerOf(key).isEmpty()) {
            throw new IllegalArgumentException("a store key of " + key.length() + " characters is too long for the principal"
                    + " index of the filesystem backend (a file name of at most " + IndexLayout.MAX_NAME_BYTES
                    + " bytes); use a SESSION_KEY_PREFIX of at most 200 characters of A-Z a-z 0-9 - _ : (any other takes 3 to 12)");
        }
    }

    /**
     * Indexes {@code key} under {@code principalKey}, durably; an entry that is there already is kept.
     *
     * @param principalKey the principal key
     * @param key the store key, {@linkplain #requireIndexable indexable}
     * @throws IOException when a file operation fails
     */
    void add(String principalKey, String key) throws IOException {
        requireIndexable(key);
        Path entry = layout.entryOf(principalKey);
        Path marker = entry.resolve(IndexLayout.markerOf(key).orElseThrow());
        for (int attempt = 1; ; attempt++) {
            try {
                ensureDirectory(layout.index());
                ensureDirectory(entry.getParent());
                ensureDirectory(entry);
                Files.newByteChannel(marker, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, NOFOLLOW),
                        PosixFilePermissions.asFileAttribute(fileMode)).close();
                SessionFiles.fsyncDirectory(entry);
                return;
            } catch (NoSuchFileException e) {
                // another thread or process found the entry empty and removed it between two of these steps
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Takes {@code key} out of {@code principalKey}'s entry, durably.
     *
     * @param principalKey the principal key
     * @param key the store key
     * @return whether it was in the entry
     * @throws IOException when a file operation fails
     */
    boolean remove(String principalKey, String key) throws IOException {
        return removeAll(principalKey, List.of(key)) > 0;
    }

    /**
     * Takes keys out of {@code principalKey}'s entry with one fsync, and removes the entry's
     * directory when it is left empty.
     *
     * @param principalKey the principal key
     * @param keys the store keys; those not in the entry are no error
     * @return how many were in the entry
     * @throws IOException when a file operation fails
     */
    int removeAll(String principalKey, Collection<String> keys) throws IOException {
        Path entry = layout.entryOf(principalKey);
        if (!isDirectory(entry)) {
            return 0;
        }
        int removed = 0;
        for (String key : keys) {
            Optional<String> marker = IndexLayout.markerOf(key);
            if (marker.isPresent() && Files.deleteIfExists(entry.resolve(marker.get()))) {
                removed++;
            }
        }
        if (removed > 0) {
            try {
                SessionFiles.fsyncDirectory(entry);
            } catch (NoSuchFileException e) {
                // another thread or process found it empty and removed it: nothing is left to sync
            }
        }
        dropIfEmpty(entry);
        return removed;
    }

    /**
     * A page of the keys indexed under {@code principalKey}, read from the directory listing
     * alone, in ascending order; memory is bounded by {@code limit}.
     *
     * @param principalKey the principal key
     * @param after the last key of the previous page, exclusive, or null
     * @param limit the most keys
     * @return the keys
     * @throws IOException when the directory cannot be listed
     */
    List<String> page(String principalKey, String after, int limit) throws IOException {
        Path entry = layout.entryOf(principalKey);
        if (!isDirectory(entry)) {
            return List.of();
        }
        TreeSet<String> page = new TreeSet<>();
        for (String key : keysIn(entry)) {
            if (after == null || key.compareTo(after) > 0) {
                page.add(key);
                if (page.size() > limit) {
                    page.pollLast();
                }
            }
        }
        return List.copyOf(page);
    }

    /**
     * The entries (one directory per principal key) of a shard, for the pruner.
     *
     * @param shard the shard index
     * @return the entry directories
     * @throws IOException when the shard cannot be listed
     */
    List<Path> entries(int shard) throws IOException {
        Path directory = layout.shard(shard);
        List<Path> entries = new ArrayList<>();
        if (!isDirectory(directory)) {
            return entries;
        }
        try (DirectoryStream<Path> names = Files.newDirectoryStream(directory)) {
            for (Path name : names) {
                if (FileLayout.isSessionFile(name.getFileName().toString()) && isDirectory(name)) {
                    entries.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            entries.clear();
        }
        return entries;
    }

    /**
     * The keys of the markers in an entry directory; other names are ignored.
     *
     * @param entry the entry directory
     * @return the keys, in no order
     * @throws IOException when it cannot be listed
     */
    List<String> keysIn(Path entry) throws IOException {
        List<String> keys = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(entry)) {
            for (Path name : names) {
                IndexLayout.keyOf(name.getFileName().toString()).ifPresent(keys::add);
            }
        } catch (NoSuchFileException e) {
            keys.clear();
        }
        return keys;
    }

    /**
     * Unlinks one marker without an fsync (the pruner's: a marker a crash brings back still
     * stands for a dead record, and is pruned again).
     *
     * @param entry the entry directory
     * @param key the store key
     * @return whether there was a marker
     * @throws IOException when it cannot be unlinked
     */
    boolean removeMarker(Path entry, String key) throws IOException {
        Optional<String> marker = IndexLayout.markerOf(key);
        return marker.isPresent() && Files.deleteIfExists(entry.resolve(marker.get()));
    }

    /**
     * Removes an entry's directory if it is empty; one that is not, or is gone, stays as it is.
     *
     * @param entry the entry directory
     * @throws IOException when it cannot be removed for another reason
     */
    void dropIfEmpty(Path entry) throws IOException {
        try {
            Files.delete(entry);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // still in use, or removed by another thread or process
        }
    }

    private void ensureDirectory(Path directory) throws IOException {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(directoryMode));
            Files.getFileAttributeView(directory, PosixFileAttributeView.class, NOFOLLOW).setPermissions(directoryMode);
            SessionFiles.fsyncDirectory(directory.getParent());
        } catch (FileAlreadyExistsException e) {
            isDirectory(directory);
        }
    }

    /** Whether a directory of the index exists; refuses a link or a file in its place. */
    private static boolean isDirectory(Path directory) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
            throw new SessionBackendException("Refused " + directory + ": it should be a directory of the principal index in"
                    + " SESSION_FILE_DIR but it is " + (attributes.isSymbolicLink() ? "a symbolic link, and session4j never follows"
                    + " links inside SESSION_FILE_DIR" : "not a directory") + ". Remove it; the index lists the sessions of"
                    + " that user again once they sign in again.");
        }
        return true;
    }
}
