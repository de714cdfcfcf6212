package io.github.session4j.filesystem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a key's file lives: {@code <dir>/ab/c/<64 hex digits>}, the hex digits being the SHA-256 of
 * the store key, so that no part of a key (whose prefix may hold any character) reaches a file
 * name, and no directory holds more than a few hundred files even at a million sessions.
 *
 * <p>The first level has 256 directories ({@code 00}..{@code ff}), the second 16 ({@code 0}..{@code f})
 * under each: 4096 leaf directories in all, each with about 250 files at a million sessions.
 * Temporary files of a write in progress are {@code .<name>.<random>.tmp} in the same leaf, and the
 * lock file {@code .session4j.lock} sits at the top.
 */
final class FileLayout {

    /** The number of leaf directories. */
    static final int LEAVES = 4096;

    /** Length of a session file name: the hex SHA-256 of the key. */
    static final int NAME_LENGTH = 64;

    private static final String TEMP_SUFFIX = ".tmp";
    private static final HexFormat HEX = HexFormat.of();

    private final Path root;

    FileLayout(Path root) {
        this.root = root;
    }

    /** @return the session directory */
    Path root() {
        return root;
    }

    /** @return the lock file at the top of the session directory */
    Path lockFile() {
        return root.resolve(".session4j.lock");
    }

    /**
     * The file name of a key.
     *
     * @param key the store key
     * @return 64 lower-case hex digits
     */
    static String nameOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The leaf directory index (0..4095) of a file name: its first three hex digits.
     *
     * @param name a session file name
     * @return the leaf index
     */
    static int leafOf(String name) {
        return Integer.parseInt(name, 0, 3, 16);
    }

    /**
     * @param leaf a leaf index, 0..4095
     * @return the first-level directory of that leaf
     */
    Path topOf(int leaf) {
        return root.resolve(String.format("%02x", leaf >> 4));
    }

    /**
     * @param leaf a leaf index, 0..4095
     * @return the leaf directory
     */
    Path leafDirectory(int leaf) {
        return topOf(leaf).resolve(Integer.toHexString(leaf & 0xf));
    }

    /**
     * @param name a session file name
     * @return the path of that session file
     */
    Path fileOf(String name) {
        return leafDirectory(leafOf(name)).resolve(name);
    }

    /**
     * A fresh temporary file name next to {@code target}.
     *
     * @param target the session file about to be written
     * @return a path in the same directory that no other writer picks
     */
    static Path tempFor(Path target) {
        long random = ThreadLocalRandom.current().nextLong();
        return target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(random, 36) + TEMP_SUFFIX);
    }

    /**
     * @param fileName a directory entry's name
     * @return whether it names a session file
     */
    static boolean isSessionFile(String fileName) {
        if (fileName.length() != NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < NAME_LENGTH; i++) {
            char c = fileName.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param fileName a directory entry's name
     * @return whether it names a temporary file of ours
     */
    static boolean isTempFile(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX) && fileName.length() > NAME_LENGTH + 1
                && isSessionFile(fileName.substring(1, NAME_LENGTH + 1));
    }
}
