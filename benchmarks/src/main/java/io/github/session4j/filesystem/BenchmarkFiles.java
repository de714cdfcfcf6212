package io.github.session4j.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Writes live filler sessions straight into a session directory in session-filesystem's own
 * layout and file format ({@link FileLayout}, {@link FileFormat}), without the fsync a request
 * pays: the benchmarks' bulk load of a million sessions, which through the backend (two fsyncs
 * per file, about 3 ms here) would take most of an hour. Lives in the backend's package to use its
 * package-private layout instead of a copy of it; only the benchmarks module has it.
 */
public final class BenchmarkFiles {

    private BenchmarkFiles() {
    }

    /**
     * Writes filler sessions.
     *
     * @param root the session directory (the backend has created it)
     * @param count how many files
     * @param recordBytes the record size of each
     * @param ttlMillis how long they live
     */
    public static void fill(Path root, int count, int recordBytes, long ttlMillis) {
        FileLayout layout = new FileLayout(root);
        SplittableRandom random = new SplittableRandom();
        byte[] hash = new byte[32];
        byte[] record = new byte[recordBytes];
        long expiresAt = System.currentTimeMillis() + ttlMillis;
        try {
            for (int leaf = 0; leaf < FileLayout.LEAVES; leaf++) {
                Files.createDirectories(layout.leafDirectory(leaf));
            }
            for (int i = 0; i < count; i++) {
                random.nextBytes(hash);
                random.nextBytes(record);
                String key = "session:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
                ByteBuffer file = FileFormat.encode(key, random.nextLong(1, Long.MAX_VALUE), expiresAt, record);
                try (FileChannel out = FileChannel.open(layout.fileOf(FileLayout.nameOf(key)),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    while (file.hasRemaining()) {
                        out.write(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing filler sessions into " + root + " failed", e);
        }
    }
}
