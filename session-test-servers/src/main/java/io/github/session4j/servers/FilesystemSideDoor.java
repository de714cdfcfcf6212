package io.github.session4j.servers;

import io.github.session4j.testkit.SideDoor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the session files of a session directory with plain {@code java.nio.file}
 * calls and the documented layout ({@link FilesystemLayout}), not through the backend.
 */
public final class FilesystemSideDoor implements SideDoor {

    private final Path dir;
    private final Clock clock;

    /**
     * Opens the side door.
     *
     * @param dir the session directory ({@code SESSION_FILE_DIR})
     * @param clock the clock the backend decides expiry with, for {@link #ttl}
     */
    public FilesystemSideDoor(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> read(String key) {
        return parsed(key).map(FilesystemLayout.Parsed::record);
    }

    /** Rewrites the record bytes, keeping the header's version and expiry, with fresh lengths and checksums. */
    @Override
    public void write(String key, byte[] record) {
        FilesystemLayout.Parsed old = parsed(key)
                .orElseThrow(() -> new IllegalStateException("no session file for " + key));
        try {
            Files.write(FilesystemLayout.pathOf(dir, key), FilesystemLayout.encode(key, old.version(),
                    old.expiresAtMillis(), record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a new session file, as some other program might: no temp file, no fsync, and the
     * directories made only when missing. The benchmarks fill a directory with a million
     * sessions this way, which through the backend (two fsyncs a file) would take most of an hour.
     *
     * @param key the store key, which must have no file yet
     * @param version the record's version
     * @param expiresAtMillis the expiry, in epoch milliseconds
     * @param record the record bytes
     */
    public void plant(String key, long version, long expiresAtMillis, byte[] record) {
        Path file = FilesystemLayout.pathOf(dir, key);
        byte[] bytes = FilesystemLayout.encode(key, version, expiresAtMillis, record);
        try {
            try {
                Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                Files.createDirectories(file.getParent());
                Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a session file into " + dir, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(FilesystemLayout.pathOf(dir, key));
    }

    @Override
    public List<String> keys(String prefix) {
        return FilesystemLayout.sessionFiles(dir).stream()
                .map(FilesystemLayout::parse)
                .map(FilesystemLayout.Parsed::key)
                .filter(key -> key.startsWith(prefix))
                .toList();
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return parsed(key).map(file -> Duration.ofMillis(file.expiresAtMillis() - clock.millis()));
    }

    private Optional<FilesystemLayout.Parsed> parsed(String key) {
        try {
            return Optional.of(FilesystemLayout.parse(Files.readAllBytes(FilesystemLayout.pathOf(dir, key))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
