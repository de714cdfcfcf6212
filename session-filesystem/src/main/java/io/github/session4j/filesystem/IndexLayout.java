package io.github.session4j.filesystem;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the principal index lives: {@code <dir>/index/ab/<64 hex digits>/}, one directory per
 * principal key (the hex digits being the SHA-256 of the principal key, the first two picking one
 * of 256 shards), holding one empty <em>marker</em> file per store key indexed under it.
 *
 * <p>A marker's name is {@code =} followed by the store key, with every character other than
 * {@code A-Z a-z 0-9 - _ :} written as {@code %XX} per UTF-8 byte (upper-case hex), so that the
 * key can be read back from the directory listing alone, and no marker name is ever a session
 * file's name (64 hex digits), a temporary file's ({@code .…}) or {@code .}/{@code ..}. A name is
 * at most {@value #MAX_NAME_BYTES} bytes, the file name limit of every POSIX file system here:
 * a store key whose marker would be longer cannot be indexed.
 */
final class IndexLayout {

    /** The longest file name the file systems this backend supports accept. */
    static final int MAX_NAME_BYTES = 255;

    /** The number of shard directories under {@code index/}. */
    static final int SHARDS = 256;

    private static final char MARKER = '=';
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private final Path index;

    IndexLayout(Path root) {
        this.index = root.resolve("index");
    }

    /** @return the top directory of the index */
    Path index() {
        return index;
    }

    /**
     * @param shard a shard index, 0..255
     * @return that shard's directory
     */
    Path shard(int shard) {
        return index.resolve(String.format("%02x", shard));
    }

    /**
     * The directory of a principal key's entry.
     *
     * @param principalKey the principal key
     * @return {@code index/ab/<SHA-256 of the principal key in hex>}
     */
    Path entryOf(String principalKey) {
        String name = FileLayout.nameOf(principalKey);
        return shard(Integer.parseInt(name, 0, 2, 16)).resolve(name);
    }

    /**
     * The marker name of a store key.
     *
     * @param key the store key
     * @return the name, or empty when it would be longer than {@value #MAX_NAME_BYTES} bytes
     */
    static Optional<String> markerOf(String key) {
        StringBuilder name = new StringBuilder(key.length() + 1).append(MARKER);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            if (isPlain(b)) {
                name.append((char) b);
            } else {
                name.append('%').append(HEX_DIGITS[(b >> 4) & 0xf]).append(HEX_DIGITS[b & 0xf]);
            }
            if (name.length() > MAX_NAME_BYTES) {
                return Optional.empty();
            }
        }
        return Optional.of(name.toString());
    }

    /**
     * The store key a marker name stands for.
     *
     * @param name a directory entry's name
     * @return the key, or empty when the name is no marker written by {@link #markerOf}
     */
    static Optional<String> keyOf(String name) {
        if (name.length() < 2 || name.charAt(0) != MARKER) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(name.length());
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length() && isHex(name.charAt(i + 1)) && isHex(name.charAt(i + 2))) {
                int b = Integer.parseInt(name, i + 1, i + 3, 16);
                if (isPlain((byte) b)) {
                    return Optional.empty();
                }
                bytes.write(b);
                i += 2;
            } else if (c < 0x80 && isPlain((byte) c)) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean isPlain(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_' || b == ':';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
    }
}
