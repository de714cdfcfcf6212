package io.github.session4j.servers;

import io.github.session4j.testkit.SideDoor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes a Redis store with the tests' own Lettuce connection, bypassing the backend,
 * and knows session-redis' stored layout from its README: an 8-byte version, then the record.
 * Redis expires keys by real time, so {@link #ttl} is the server's {@code PTTL}.
 */
public final class RedisSideDoor implements SideDoor {

    /** The bytes of the version in front of each stored record. */
    public static final int VERSION_BYTES = 8;

    private final RedisClusterCommands<byte[], byte[]> commands;

    /**
     * Opens the side door over a connection of the tests' own (to a server, or to every master of
     * a cluster).
     *
     * @param connection the connection, which the caller closes
     */
    public RedisSideDoor(RedisConnection connection) {
        this.commands = connection.commands();
    }

    /**
     * The record bytes under a key, without the version prefix.
     *
     * @param key the key
     * @return the record, empty when the key is missing
     */
    @Override
    public Optional<byte[]> read(String key) {
        return raw(key).map(v -> Arrays.copyOfRange(v, VERSION_BYTES, v.length));
    }

    /**
     * The whole stored value under a key.
     *
     * @param key the key
     * @return the value, empty when the key is missing
     */
    public Optional<byte[]> raw(String key) {
        return Optional.ofNullable(commands.get(bytes(key)));
    }

    /**
     * Overwrites the record bytes of an existing key, keeping its version and TTL.
     *
     * @param key the key
     * @param record the new record bytes
     */
    @Override
    public void write(String key, byte[] record) {
        byte[] value = raw(key).orElseThrow(() -> new IllegalStateException("no key " + key + " to overwrite"));
        byte[] updated = Arrays.copyOf(value, VERSION_BYTES + record.length);
        System.arraycopy(record, 0, updated, VERSION_BYTES, record.length);
        commands.set(bytes(key), updated, SetArgs.Builder.keepttl());
    }

    /**
     * Whether the key is present.
     *
     * @param key the key
     * @return true if present
     */
    @Override
    public boolean exists(String key) {
        return commands.exists(bytes(key)) == 1L;
    }

    /**
     * Every key under a prefix (on every master of a cluster).
     *
     * @param prefix the prefix
     * @return the keys
     */
    @Override
    public List<String> keys(String prefix) {
        return keysMatching(globEscape(prefix) + "*");
    }

    /**
     * Every key that matches a {@code SCAN MATCH} pattern (on every master of a cluster).
     *
     * @param glob the pattern, such as {@code *.staged.*}
     * @return the keys
     */
    public List<String> keysMatching(String glob) {
        ScanArgs args = ScanArgs.Builder.matches(bytes(glob)).limit(1000);
        List<String> keys = new ArrayList<>();
        KeyScanCursor<byte[]> cursor = commands.scan(ScanCursor.INITIAL, args);
        cursor.getKeys().forEach(k -> keys.add(new String(k, StandardCharsets.UTF_8)));
        while (!cursor.isFinished()) {
            cursor = commands.scan(cursor, args);
            cursor.getKeys().forEach(k -> keys.add(new String(k, StandardCharsets.UTF_8)));
        }
        return keys;
    }

    /**
     * The remaining TTL of a key as Redis sees it.
     *
     * @param key the key
     * @return the TTL, empty when the key is missing or has none
     */
    @Override
    public Optional<Duration> ttl(String key) {
        long millis = commands.pttl(bytes(key));
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    /**
     * Stores a raw value, as some other program might.
     *
     * @param key the key
     * @param value the value
     */
    public void writeRaw(String key, byte[] value) {
        commands.set(bytes(key), value);
    }

    /**
     * Escapes the characters that {@code SCAN MATCH} reads as a pattern.
     *
     * @param literal a literal key part
     * @return the pattern that matches exactly {@code literal}
     */
    public static String globEscape(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
