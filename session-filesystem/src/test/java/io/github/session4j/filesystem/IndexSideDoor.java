package io.github.session4j.filesystem;

import io.github.session4j.testkit.SideDoor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kit's side door into the session files ({@link io.github.session4j.servers.FilesystemSideDoor}),
 * which also shows the kit every name under {@code index/} (entry directories and markers), so that
 * the kit can check that none holds a principal in clear.
 */
final class IndexSideDoor implements SideDoor {

    private final SideDoor files;
    private final Path dir;

    IndexSideDoor(SideDoor files, Path dir) {
        this.files = files;
        this.dir = dir;
    }

    @Override
    public Optional<byte[]> read(String key) {
        return files.read(key);
    }

    @Override
    public void write(String key, byte[] record) {
        files.write(key, record);
    }

    @Override
    public boolean exists(String key) {
        return files.exists(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return files.keys(prefix);
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return files.ttl(key);
    }

    /** The names of everything under {@code index/}, whatever the prefix. */
    @Override
    public List<String> indexContents(String prefix) {
        Path index = dir.resolve("index");
        if (!Files.isDirectory(index)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(index)) {
            return all.map(path -> path.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
