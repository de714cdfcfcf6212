package io.github.session4j.filesystem;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfigException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up checks of the session directory: creates it when missing, and refuses one that is a
 * symbolic link, is not a directory, is writable by group or others, or is not owned by the user
 * this process runs as (anyone who can write there can plant or steal sessions).
 */
final class SessionDirectory {

    private SessionDirectory() {
    }

    /**
     * Creates the directory if needed and checks that it is safe to use.
     *
     * @param settings the settings
     * @throws SessionConfigException when the directory is unsafe to use
     * @throws SessionBackendException when it cannot be created, read or written
     */
    static void prepare(FilesystemSettings settings) {
        Path dir = settings.directory();
        try {
            PosixFileAttributes attributes = attributesOrCreate(dir, settings);
            List<String> problems = problemsOf(dir, attributes);
            if (problems.isEmpty()) {
                problems.addAll(ownerProblems(dir, attributes.owner()));
            }
            if (!problems.isEmpty()) {
                throw new SessionConfigException("Refused " + FilesystemSettings.DIR + " '" + dir + "':\n  "
                        + String.join("\n  ", problems));
            }
        } catch (UnsupportedOperationException e) {
            throw new SessionConfigException(FilesystemSettings.DIR + " '" + dir + "' is not on a POSIX file system;"
                    + " the filesystem backend needs POSIX permissions and locks (Linux, macOS, BSD).", e);
        } catch (IOException e) {
            throw new SessionBackendException("Could not use " + FilesystemSettings.DIR + " '" + dir + "': " + e
                    + ". Check that the path exists or can be created, and that this process may read and write it.", e);
        }
    }

    private static PosixFileAttributes attributesOrCreate(Path dir, FilesystemSettings settings) throws IOException {
        try {
            return Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(settings.directoryMode()));
                Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(settings.directoryMode());
            } catch (FileAlreadyExistsException raced) {
                // another process created it meanwhile; it is checked like any existing directory
            }
            return Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static List<String> problemsOf(Path dir, PosixFileAttributes attributes) {
        List<String> problems = new ArrayList<>();
        if (attributes.isSymbolicLink()) {
            problems.add("it is a symbolic link, and session4j never follows links; set " + FilesystemSettings.DIR
                    + " to the real directory");
        } else if (!attributes.isDirectory()) {
            problems.add("it is not a directory; set " + FilesystemSettings.DIR + " to a directory, or to a path that does not exist yet");
        } else if (attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            problems.add("it is writable by group or others (mode " + FilesystemSettings.octal(attributes.permissions())
                    + "), so they could plant or delete sessions; run chmod 700 " + dir + " or use another directory");
        }
        return problems;
    }

    /** Finds out which user this process writes files as, by writing one. */
    private static List<String> ownerProblems(Path dir, UserPrincipal owner) throws IOException {
        Path probe = Files.createTempFile(dir, ".session4j-probe-", ".tmp");
        try {
            UserPrincipal self = Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
            if (!self.equals(owner)) {
                return List.of("it is owned by " + owner.getName() + " but this process runs as " + self.getName()
                        + "; use a directory owned by " + self.getName());
            }
            return List.of();
        } finally {
            Files.delete(probe);
        }
    }
}
