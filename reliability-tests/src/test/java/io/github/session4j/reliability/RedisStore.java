package io.github.session4j.reliability;

import io.github.session4j.redis.RedisSessionInterfaceProvider;
import io.github.session4j.reliability.servers.ServerProcess;
import io.github.session4j.testkit.SideDoor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redis: a {@code redis-server} of the suite's own. The side door is a Lettuce connection of the
 * test's own and knows the backend's layout (an 8-byte version, then the record).
 */
final class RedisStore extends ServerProcessStore {

    private static final int VERSION_BYTES = 8;

    private final RedisCommands<byte[], byte[]> commands =
            RedisClient.create("redis://127.0.0.1:" + server.port()).connect(ByteArrayCodec.INSTANCE).sync();

    RedisStore() {
        super("redis", ServerProcess::redis, new RedisSessionInterfaceProvider());
    }

    @Override
    Map<String, String> settingsForPort(int port) {
        return Map.of("SESSION_REDIS", "redis://127.0.0.1:" + port);
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of("SESSION_REDIS_COMMAND_TIMEOUT", timeout.toMillis() + "ms");
    }

    @Override
    SideDoor sideDoor() {
        return new SideDoor() {
            @Override
            public Optional<byte[]> read(String key) {
                return Optional.ofNullable(commands.get(bytes(key)))
                        .map(v -> Arrays.copyOfRange(v, VERSION_BYTES, v.length));
            }

            @Override
            public void write(String key, byte[] record) {
                byte[] value = commands.get(bytes(key));
                if (value == null) {
                    throw new IllegalStateException("no record under " + key + " to overwrite");
                }
                byte[] updated = Arrays.copyOf(value, VERSION_BYTES + record.length);
                System.arraycopy(record, 0, updated, VERSION_BYTES, record.length);
                commands.set(bytes(key), updated, SetArgs.Builder.keepttl());
            }

            @Override
            public boolean exists(String key) {
                return commands.exists(bytes(key)) == 1L;
            }

            @Override
            public List<String> keys(String prefix) {
                ScanArgs args = ScanArgs.Builder.matches(bytes(prefix + "*")).limit(1000);
                List<String> keys = new ArrayList<>();
                KeyScanCursor<byte[]> cursor = commands.scan(ScanCursor.INITIAL, args);
                while (true) {
                    cursor.getKeys().forEach(k -> keys.add(new String(k, StandardCharsets.UTF_8)));
                    if (cursor.isFinished()) {
                        return keys;
                    }
                    cursor = commands.scan(cursor, args);
                }
            }

            @Override
            public Optional<Duration> ttl(String key) {
                long millis = commands.pttl(bytes(key));
                return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
            }
        };
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
