package io.github.session4j.filesystem;

import io.github.session4j.servers.FilesystemSideDoor;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract kit against the real file system, in a directory of the test class's own. Round
 * trips are the kit's default count of SPI calls: each call is one set of file operations on
 * one key, the file system has no command statistics of its own.
 */
class FilesystemCompatibilityTest extends SessionInterfaceCompatibilityKit {

    @TempDir
    static Path root;

    @Override
    protected SessionInterfaceProvider provider() {
        return new FilesystemSessionInterfaceProvider();
    }

    @Override
    protected Map<String, String> backendSettings() {
        return Map.of("SESSION_FILE_DIR", dir().toString(), "SESSION_FILE_SWEEP_INTERVAL", "0s");
    }

    @Override
    protected SideDoor sideDoor() {
        return new IndexSideDoor(new FilesystemSideDoor(dir(), clock()), dir());
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.CLOCK;
    }

    private static Path dir() {
        return root.resolve("sessions");
    }
}
