package io.github.session4j.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tests' side door into the principal index, written from the layout the README documents
 * ({@code index/<2 hex>/<SHA-256 of the principal key>/=<escaped key>}), independently of
 * {@link IndexLayout}.
 */
final class IndexFiles {

    private IndexFiles() {
    }

    /** A principal key as the core makes one: 43 base64url characters. */
    static String principalKey(String user) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(user.getBytes(StandardCharsets.UTF_8)));
    }

    static Path entry(Path dir, String principalKey) {
        String hex = HexFormat.of().formatHex(sha256(principalKey.getBytes(StandardCharsets.UTF_8)));
        return dir.resolve("index").resolve(hex.substring(0, 2)).resolve(hex);
    }

    static Path marker(Path dir, String principalKey, String key) {
        StringBuilder name = new StringBuilder("=");
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':') {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return entry(dir, principalKey).resolve(name.toString());
    }

    /** Creates a marker by hand, as a write would (no fsync: for tests that need thousands). */
    static void plant(Path dir, String principalKey, String key) {
        try {
            Files.createDirectories(entry(dir, principalKey));
            Files.createFile(marker(dir, principalKey, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code index/}. */
    static List<Path> allMarkers(Path dir) {
        Path index = dir.resolve("index");
        if (!Files.exists(index)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(index)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
