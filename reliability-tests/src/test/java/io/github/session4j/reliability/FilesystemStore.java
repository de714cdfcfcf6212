package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.filesystem.FilesystemSessionInterfaceProvider;
import io.github.session4j.servers.FilesystemSideDoor;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.SideDoor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code filesystem} backend in a temp dir. The side door reads and writes the session files
 * itself, following the layout in session-filesystem's README ({@link FilesystemSideDoor}).
 */
final class FilesystemStore extends Store {

    private final Path dir;
    FilesystemStore() {
        try {
            dir = Files.createTempDirectory("session4j-reliability-files-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String label() {
        return "filesystem";
    }

    @Override
    String type() {
        return "filesystem";
    }

    @Override
    Map<String, String> settings() {
        return Map.of("SESSION_FILE_DIR", dir.toString(), "SESSION_FILE_SWEEP_INTERVAL", "0s");
    }

    @Override
    boolean followsConfigClock() {
        return true;
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of();
    }

    @Override
    SessionInterface open(SessionConfig config, Clock clock) {
        return new FilesystemSessionInterfaceProvider().create(BackendContext.validate(new FilesystemSessionInterfaceProvider(), config, clock));
    }

    @Override
    SideDoor sideDoor() {
        return new FilesystemSideDoor(dir, Clock.systemUTC());
    }
}
