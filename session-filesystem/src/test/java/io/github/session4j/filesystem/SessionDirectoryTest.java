package io.github.session4j.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void createsAMissingDirectoryPrivately() throws IOException {
        Path dir = tmp.resolve("a/b/sessions");

        Backends.open(dir, Clock.systemUTC()).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(dir.resolve(".session4j.lock")).exists();
    }

    @Test
    void refusesADirectoryThatIsASymbolicLink() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

        assertThatThrownBy(() -> Backends.open(link, Clock.systemUTC()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Refused SESSION_FILE_DIR '" + link + "':\n"
                        + "  it is a symbolic link, and session4j never follows links; set SESSION_FILE_DIR to the real directory");
    }

    @Test
    void refusesADirectoryWritableByOthers() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> Backends.open(dir, Clock.systemUTC()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Refused SESSION_FILE_DIR '" + dir + "':\n"
                        + "  it is writable by group or others (mode 0777), so they could plant or delete sessions;"
                        + " run chmod 700 " + dir + " or use another directory");
    }

    @Test
    void refusesAPathThatIsNotADirectory() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));

        assertThatThrownBy(() -> Backends.open(file, Clock.systemUTC()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessageContaining("it is not a directory; set SESSION_FILE_DIR to a directory, or to a path that does not exist yet");
    }

    @Test
    void refusesADirectoryOwnedByAnotherUser() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("theirs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        UserPrincipal me = Files.getOwner(dir);
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        // only root may give a directory away; the test suite runs as root in CI
        Files.setOwner(dir, nobody);

        assertThatThrownBy(() -> Backends.open(dir, Clock.systemUTC()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Refused SESSION_FILE_DIR '" + dir + "':\n  it is owned by nobody but this process runs as "
                        + me.getName() + "; use a directory owned by " + me.getName());
    }

    @Test
    void reportsADirectoryThatCannotBeCreated() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));
        Path below = file.resolve("sessions");

        assertThatThrownBy(() -> Backends.open(below, Clock.systemUTC()))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Could not use SESSION_FILE_DIR '" + below + "': ")
                .hasMessageEndingWith(". Check that the path exists or can be created, and that this process may read and write it.");
    }
}
