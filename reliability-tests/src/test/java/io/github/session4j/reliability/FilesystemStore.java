package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.filesystem.FilesystemSessionInterfaceProvider;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.SideDoor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The {@code filesystem} backend in a temp dir. The side door reads and writes the session files
 * itself, following the layout in session-filesystem's README: {@code 3f/a/3fa8…} named by the
 * hex SHA-256 of the store key; a 40-byte header (magic, format, version, expiry, key length,
 * record length, CRC32 of key and record, CRC32 of the header), the key, then the record.
 */
final class FilesystemStore extends Store {

    private static final int HEADER = 40;

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

    private Path file(String key) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
            return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 3)).resolve(hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<byte[]> bytes(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int keyLength(byte[] file) {
        return ByteBuffer.wrap(file, 24, 4).getInt();
    }

    @Override
    SideDoor sideDoor() {
        return new SideDoor() {
            @Override
            public Optional<byte[]> read(String key) {
                return bytes(file(key)).map(f -> Arrays.copyOfRange(f, HEADER + keyLength(f), f.length));
            }

            @Override
            public void write(String key, byte[] record) {
                byte[] old = bytes(file(key)).orElseThrow(() -> new IllegalStateException("no file for " + key));
                byte[] keyBytes = Arrays.copyOfRange(old, HEADER, HEADER + keyLength(old));
                ByteBuffer updated = ByteBuffer.allocate(HEADER + keyBytes.length + record.length);
                updated.put(old, 0, 28).putInt(record.length);
                CRC32 body = new CRC32();
                body.update(keyBytes);
                body.update(record);
                updated.putInt((int) body.getValue());
                CRC32 header = new CRC32();
                header.update(updated.array(), 0, 36);
                updated.putInt((int) header.getValue()).put(keyBytes).put(record);
                try {
                    Files.write(file(key), updated.array());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean exists(String key) {
                return Files.exists(file(key));
            }

            @Override
            public List<String> keys(String prefix) {
                List<String> keys = new ArrayList<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .forEach(f -> bytes(f).ifPresent(b -> {
                                String key = new String(b, HEADER, keyLength(b), StandardCharsets.UTF_8);
                                if (key.startsWith(prefix)) {
                                    keys.add(key);
                                }
                            }));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return keys;
            }

            @Override
            public Optional<Duration> ttl(String key) {
                return bytes(file(key)).map(f -> Duration.between(Clock.systemUTC().instant(),
                        Instant.ofEpochMilli(ByteBuffer.wrap(f, 16, 8).getLong())));
            }
        };
    }
}
