package io.github.session4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The filesystem floor: one file per session, read whole; written to a temp file in the same
 * directory, fsynced, renamed over the old one and the directory fsynced, which is the durability
 * session-filesystem gives (a crash leaves the old or the new version, never a torn one).
 */
final class RawFileTarget extends RawTarget {

    private final Path dir;
    RawFileTarget(Path root, int size) {
        super(size);
        try {
            dir = Files.createDirectories(root.resolve("raw"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // files stay until the run's directory is removed
    }

    @Override
    byte[] load(String name) {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void write(String name, byte[] record) {
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(record);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(false);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
