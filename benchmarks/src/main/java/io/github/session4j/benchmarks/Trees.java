package io.github.session4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory trees: deleting and counting files. */
final class Trees {

    private Trees() {
    }

    /**
     * Deletes a tree, ignoring what vanished meanwhile.
     *
     * @param root the tree
     */
    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp dir is not worth failing a benchmark for
        }
    }

    /**
     * Counts the regular files in a tree.
     *
     * @param root the tree
     * @return the count
     */
    static long countFiles(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
