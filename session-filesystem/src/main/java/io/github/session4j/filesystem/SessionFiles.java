package io.github.session4j.filesystem;

import io.github.session4j.SessionBackendException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The file operations of the backend, none of which follows a symbolic link: whole-file reads,
 * header reads, atomic writes (temporary file, fsync, atomic rename, fsync of the directory) and
 * durable deletes.
 *
 * <p>Shard directories are created on first write with the directory mode. A shard directory that
 * is a symbolic link (or not a directory) is refused with a {@link SessionBackendException}; once
 * checked, a leaf is remembered as safe, since only the directory's owner can replace it.
 */
final class SessionFiles {

    /** Files larger than this are not session files of ours; reading them whole is refused. */
    static final long MAX_FILE_SIZE = 64L << 20;

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final FileLayout layout;
    private final Set<PosixFilePermission> fileMode;
    private final Set<PosixFilePermission> directoryMode;
    private final AtomicIntegerArray checkedLeaves = new AtomicIntegerArray(FileLayout.LEAVES);

    SessionFiles(FileLayout layout, Set<PosixFilePermission> fileMode, Set<PosixFilePermission> directoryMode) {
        this.layout = layout;
        this.fileMode = fileMode;
        this.directoryMode = directoryMode;
    }

    /** @return the layout of the session directory */
    FileLayout layout() {
        return layout;
    }

    /**
     * Reads a whole session file.
     *
     * @param name the session file name
     * @return its bytes, or empty when it does not exist
     * @throws IOException when it cannot be read
     * @throws FileFormat.CorruptFileException when it is a symbolic link or larger than any session file
     */
    Optional<byte[]> readWhole(String name) throws IOException, FileFormat.CorruptFileException {
        if (!leafExists(FileLayout.leafOf(name))) {
            return Optional.empty();
        }
        Path file = layout.fileOf(name);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, NOFOLLOW)) {
            long size = channel.size();
            if (size > MAX_FILE_SIZE) {
                throw new FileFormat.CorruptFileException("is " + size + " bytes, larger than any session file");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            readFully(channel, buffer);
            return Optional.of(buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw refuseLink(file, e);
        }
    }

    /**
     * Reads and checks the header of a file, without reading the rest.
     *
     * @param file the file
     * @return its header, or empty when it does not exist
     * @throws IOException when it cannot be read or is a symbolic link
     * @throws FileFormat.CorruptFileException when its header is damaged
     */
    Optional<FileFormat.Header> readHeader(Path file) throws IOException, FileFormat.CorruptFileException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, NOFOLLOW)) {
            ByteBuffer buffer = ByteBuffer.allocate(FileFormat.HEADER_SIZE);
            readFully(channel, buffer);
            return Optional.of(FileFormat.decodeHeader(buffer.array(), channel.size()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw refuseLink(file, e);
        }
    }

    /**
     * Lists the names in a leaf directory.
     *
     * @param leaf the leaf index
     * @return the names of its entries, empty when it does not exist
     * @throws IOException when it cannot be listed
     */
    List<String> list(int leaf) throws IOException {
        List<String> names = new ArrayList<>();
        if (!leafExists(leaf)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.leafDirectory(leaf))) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            names.clear();
        }
        return names;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // a short read is not the end of the file
        }
    }

    /** Opening with NOFOLLOW_LINKS fails on a link; say so, or pass the original failure on. */
    private static FileFormat.CorruptFileException refuseLink(Path file, IOException e) throws IOException {
        if (Files.isSymbolicLink(file)) {
            return new FileFormat.CorruptFileException("is a symbolic link, which session4j never follows");
        }
        throw e;
    }

    /**
     * Replaces a session file with {@code content} atomically: readers and a crash at any point see
     * either the old file or the whole new one.
     *
     * @param name the session file name
     * @param content the whole new file
     * @throws IOException when the write fails (the old file is then untouched)
     */
    void writeAtomically(String name, ByteBuffer content) throws IOException {
        int leafIndex = FileLayout.leafOf(name);
        ensureLeaf(leafIndex);
        Path target = layout.fileOf(name);
        Path leaf = target.getParent();
        Path temp = FileLayout.tempFor(target);
        boolean moved = false;
        try {
            try (FileChannel channel = createTemp(temp, leafIndex)) {
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(false);
            }
            // the umask may have narrowed the mode given at creation
            Files.getFileAttributeView(temp, PosixFileAttributeView.class, NOFOLLOW).setPermissions(fileMode);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            fsyncDirectory(leaf);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Creates the temporary file; a leaf deleted meanwhile (someone emptied the directory) is made again. */
    private FileChannel createTemp(Path temp, int leaf) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW);
        try {
            return FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(fileMode));
        } catch (NoSuchFileException e) {
            checkedLeaves.set(leaf, 0);
            ensureLeaf(leaf);
            return FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(fileMode));
        }
    }

    /**
     * Deletes a file (a symbolic link itself, never its target) and makes the deletion durable.
     *
     * @param file the file
     * @param sync whether to fsync the directory right away (a batch syncs once at its end)
     * @return whether something was deleted
     * @throws IOException when the deletion fails
     */
    boolean delete(Path file, boolean sync) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted && sync) {
            fsyncDirectory(file.getParent());
        }
        return deleted;
    }

    /**
     * Flushes a directory's entries to disk, so that a rename or deletion in it survives a crash.
     *
     * @param directory the directory
     * @throws IOException when the directory cannot be opened or flushed
     */
    static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ, NOFOLLOW)) {
            channel.force(true);
        }
    }

    /**
     * Checks that a leaf directory is safe to walk (not a link) without creating it.
     *
     * @param leaf the leaf index
     * @return whether the leaf exists
     * @throws IOException when it cannot be checked
     * @throws SessionBackendException when it, or its parent, is a symbolic link or not a directory
     */
    boolean leafExists(int leaf) throws IOException {
        if (checkedLeaves.get(leaf) == 1) {
            return true;
        }
        if (!isSafeDirectory(layout.topOf(leaf)) || !isSafeDirectory(layout.leafDirectory(leaf))) {
            return false;
        }
        checkedLeaves.set(leaf, 1);
        return true;
    }

    private void ensureLeaf(int leaf) throws IOException {
        if (checkedLeaves.get(leaf) == 1) {
            return;
        }
        createSafeDirectory(layout.topOf(leaf));
        createSafeDirectory(layout.leafDirectory(leaf));
        checkedLeaves.set(leaf, 1);
    }

    private void createSafeDirectory(Path directory) throws IOException {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(directoryMode));
            Files.getFileAttributeView(directory, PosixFileAttributeView.class, NOFOLLOW).setPermissions(directoryMode);
            fsyncDirectory(directory.getParent());
        } catch (FileAlreadyExistsException e) {
            if (!isSafeDirectory(directory)) {
                throw new NoSuchFileException(directory.toString(), null, "vanished while it was being created");
            }
        }
    }

    private static boolean isSafeDirectory(Path directory) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (attributes.isSymbolicLink()) {
            throw new SessionBackendException("Refused " + directory + ": it is a symbolic link, and session4j never"
                    + " follows links inside SESSION_FILE_DIR. Remove the link; the directory is recreated on the next write.");
        }
        if (!attributes.isDirectory()) {
            throw new SessionBackendException("Refused " + directory + ": it should be a shard directory of SESSION_FILE_DIR"
                    + " but it is not a directory. Remove it; the directory is recreated on the next write.");
        }
        return true;
    }
}
