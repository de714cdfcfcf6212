package io.github.session4j.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the kit's side door into the session files shows of the principal index
 * ({@link io.github.session4j.testkit.SideDoor#withIndex}): every name under {@code index/} (entry
 * directories and markers), so that the kit can check that none holds a principal in clear.
 */
final class IndexDirectory {

    private IndexDirectory() {
    }

    /**
     * The names of everything under {@code index/}, whatever the prefix.
     *
     * @param dir the backend's directory
     * @return the names
     */
    static List<String> contents(Path dir) {
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
