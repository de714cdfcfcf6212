package io.github.session4j.servers;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Reads and writes session files the way an outside tool would, from the layout documented in
 * session-filesystem's README and written independently of its code, so the tests check the format
 * itself: {@code <dir>/<hex 0-1>/<hex 2>/<hex SHA-256 of the key>}; a 40-byte header (magic,
 * format, version, expiry, key length, record length, CRC32 of key and record, CRC32 of the
 * header), the key, then the record.
 */
public final class FilesystemLayout {

    /** The size of a file's header. */
    public static final int HEADER_SIZE = 40;

    private static final int MAGIC = 0x53344A46;
    private static final int FORMAT = 1;

    /**
     * A session file as the documented layout describes it.
     *
     * @param version the record's version
     * @param expiresAtMillis the expiry, in epoch milliseconds
     * @param key the store key
     * @param record the record bytes
     */
    public record Parsed(long version, long expiresAtMillis, String key, byte[] record) {
    }

    private FilesystemLayout() {
    }

    /**
     * The path of a key's file.
     *
     * @param dir the session directory
     * @param key the store key
     * @return {@code <dir>/<hex 0-1>/<hex 2>/<sha-256 hex of the key>}
     */
    public static Path pathOf(Path dir, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 3)).resolve(hex.toString());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A file's bytes.
     *
     * @param key the store key
     * @param version the record's version
     * @param expiresAtMillis the expiry, in epoch milliseconds
     * @param record the record bytes
     * @return the whole file
     */
    public static byte[] encode(String key, long version, long expiresAtMillis, byte[] record) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        CRC32 payload = new CRC32();
        payload.update(keyBytes);
        payload.update(record);
        ByteBuffer file = ByteBuffer.allocate(HEADER_SIZE + keyBytes.length + record.length)
                .putInt(MAGIC).putInt(FORMAT).putLong(version).putLong(expiresAtMillis)
                .putInt(keyBytes.length).putInt(record.length).putInt((int) payload.getValue());
        file.putInt(crc(file.array(), 0, 36)).put(keyBytes).put(record);
        return file.array();
    }

    /**
     * Parses a file, failing with a description of what is wrong.
     *
     * @param bytes the whole file
     * @return what it holds
     * @throws AssertionError if it is not a well-formed session file
     */
    public static Parsed parse(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            check(in.readInt() == MAGIC, "magic");
            check(in.readInt() == FORMAT, "format");
            long version = in.readLong();
            long expiresAt = in.readLong();
            int keyLength = in.readInt();
            int recordLength = in.readInt();
            int payloadCrc = in.readInt();
            int headerCrc = in.readInt();
            check(crc(bytes, 0, 36) == headerCrc, "header checksum");
            check(bytes.length == HEADER_SIZE + keyLength + recordLength, "length: file " + bytes.length + ", header "
                    + (HEADER_SIZE + keyLength + recordLength));
            check(crc(bytes, HEADER_SIZE, keyLength + recordLength) == payloadCrc, "payload checksum");
            byte[] key = in.readNBytes(keyLength);
            byte[] record = in.readNBytes(recordLength);
            return new Parsed(version, expiresAt, new String(key, StandardCharsets.UTF_8), record);
        } catch (IOException e) {
            throw new AssertionError("unreadable session file", e);
        }
    }

    /**
     * Parses the file at {@code path}.
     *
     * @param path a session file
     * @return what it holds
     */
    public static Parsed parse(Path path) {
        try {
            return parse(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every regular file in the shard directories whose name is a 64-hex-digit session file name.
     *
     * @param dir the session directory
     * @return the files
     */
    public static List<Path> sessionFiles(Path dir) {
        return filesMatching(dir, "[0-9a-f]{64}");
    }

    /**
     * Every temporary file left in the shard directories.
     *
     * @param dir the session directory
     * @return the files
     */
    public static List<Path> tempFiles(Path dir) {
        return filesMatching(dir, "\\.[0-9a-f]{64}\\..*\\.tmp");
    }

    private static List<Path> filesMatching(Path dir, String regex) {
        try (Stream<Path> all = Files.walk(dir)) {
            return new ArrayList<>(all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().matches(regex)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("session file has a wrong " + what);
        }
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
