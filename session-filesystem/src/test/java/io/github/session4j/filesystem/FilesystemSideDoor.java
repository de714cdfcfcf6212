package io.github.session4j.filesystem;

import io.github.session4j.testkit.SideDoor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The kit's side door: reads the session files with plain {@code java.nio.file} calls and the
 * documented layout ({@link SessionFileInspector}), not through the backend.
 */
final class FilesystemSideDoor implements SideDoor {

    private final Path dir;
    private final Clock clock;

    FilesystemSideDoor(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> read(String key) {
        return parsed(key).map(SessionFileInspector.Parsed::record);
    }

    /** Rewrites the record bytes, keeping the header's version and expiry, with fresh lengths and checksums. */
    @Override
    public void write(String key, byte[] record) {
        SessionFileInspector.Parsed old = parsed(key).orElseThrow(() -> new IllegalStateException("no session file for " + key));
        byte[] keyBytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CRC32 payload = new CRC32();
        payload.update(keyBytes);
        payload.update(record);
        ByteBuffer file = ByteBuffer.allocate(40 + keyBytes.length + record.length)
                .putInt(0x53344A46).putInt(1).putLong(old.version()).putLong(old.expiresAtMillis())
                .putInt(keyBytes.length).putInt(record.length).putInt((int) payload.getValue());
        CRC32 header = new CRC32();
        header.update(file.array(), 0, 36);
        file.putInt((int) header.getValue()).put(keyBytes).put(record);
        try {
            Files.write(SessionFileInspector.pathOf(dir, key), file.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(SessionFileInspector.pathOf(dir, key));
    }

    @Override
    public List<String> keys(String prefix) {
        return SessionFileInspector.sessionFiles(dir).stream()
                .map(SessionFileInspector::parse)
                .map(SessionFileInspector.Parsed::key)
                .filter(key -> key.startsWith(prefix))
                .toList();
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return parsed(key).map(file -> Duration.ofMillis(file.expiresAtMillis() - clock.millis()));
    }

    private Optional<SessionFileInspector.Parsed> parsed(String key) {
        Path file = SessionFileInspector.pathOf(dir, key);
        try {
            return Optional.of(SessionFileInspector.parse(Files.readAllBytes(file)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
