package io.github.session4j.filesystem;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Reads session files the way an outside tool would, from the layout documented in the README and
 * written independently of the production code, so the tests check the format itself.
 */
final class SessionFileInspector {

    /** A session file as the documented layout describes it. */
    record Parsed(long version, long expiresAtMillis, String key, byte[] record) {
    }

    private SessionFileInspector() {
    }

    /** The path of a key's file: {@code <dir>/<hex 0-1>/<hex 2>/<sha-256 hex of the key>}. */
    static Path pathOf(Path dir, String key) {
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

    /** Parses a file, failing with a description of what is wrong. */
    static Parsed parse(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            check(in.readInt() == 0x53344A46, "magic");
            check(in.readInt() == 1, "format");
            long version = in.readLong();
            long expiresAt = in.readLong();
            int keyLength = in.readInt();
            int recordLength = in.readInt();
            int payloadCrc = in.readInt();
            int headerCrc = in.readInt();
            check(crc(bytes, 0, 36) == headerCrc, "header checksum");
            check(bytes.length == 40 + keyLength + recordLength, "length: file " + bytes.length + ", header "
                    + (40 + keyLength + recordLength));
            check(crc(bytes, 40, keyLength + recordLength) == payloadCrc, "payload checksum");
            byte[] key = in.readNBytes(keyLength);
            byte[] record = in.readNBytes(recordLength);
            return new Parsed(version, expiresAt, new String(key, StandardCharsets.UTF_8), record);
        } catch (IOException e) {
            throw new AssertionError("unreadable session file", e);
        }
    }

    /** Parses the file at {@code path}. */
    static Parsed parse(Path path) {
        try {
            return parse(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file in the shard directories whose name is a 64-hex-digit session file name. */
    static List<Path> sessionFiles(Path dir) {
        return filesMatching(dir, "[0-9a-f]{64}");
    }

    /** Every temporary file left in the shard directories. */
    static List<Path> tempFiles(Path dir) {
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
