package io.github.session4j.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.github.session4j.testkit.SideDoor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the store with the tests' own Lettuce connection, bypassing the backend, and
 * knows the stored layout (an 8-byte version, then the record).
 */
final class RedisSideDoor implements SideDoor {

    private final RedisClusterCommands<byte[], byte[]> commands;

    RedisSideDoor(RedisAdmin admin) {
        this.commands = admin.commands();
    }

    /**
     * The record bytes under a key, without the version prefix.
     *
     * @param key the key
     * @return the record, empty when the key is missing
     */
    @Override
    public Optional<byte[]> read(String key) {
        return raw(key).map(v -> Arrays.copyOfRange(v, VersionedValue.PREFIX, v.length));
    }

    /**
     * The whole stored value under a key.
     *
     * @param key the key
     * @return the value, empty when the key is missing
     */
    Optional<byte[]> raw(String key) {
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
        byte[] updated = Arrays.copyOf(value, VersionedValue.PREFIX + record.length);
        System.arraycopy(record, 0, updated, VersionedValue.PREFIX, record.length);
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
        ScanArgs args = ScanArgs.Builder.matches(bytes(RedisSessionInterface.globEscape(prefix) + "*")).limit(1000);
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
     * The staged values of saves of one key still in the store ({@link StagedReplace}), in either
     * of their two forms, {@code key.staged.…} and {@code {key}.staged.…}.
     *
     * @param key the session's key
     * @return the staged keys
     */
    List<String> stagedValues(String key) {
        ScanArgs args = ScanArgs.Builder.matches(bytes("*" + RedisSessionInterface.globEscape(key) + "*.staged.*")).limit(1000);
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
    void writeRaw(String key, byte[] value) {
        commands.set(bytes(key), value);
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
