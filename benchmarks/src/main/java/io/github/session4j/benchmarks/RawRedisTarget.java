package io.github.session4j.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/** The Redis floor: Lettuce, one shared connection, {@code GET} to load, {@code SET ... PX} to write. */
final class RawRedisTarget extends RawTarget {

    private static final SetArgs TTL = SetArgs.Builder.px(RawRecord.TTL_SECONDS * 1000);

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> redis;

    RawRedisTarget(int port, int size) {
        super(size);
        client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        redis = connection.sync();
    }

    @Override
    byte[] load(String key) {
        byte[] record = redis.get(key);
        if (record == null) {
            throw new IllegalStateException("no raw key " + key);
        }
        return record;
    }

    @Override
    void write(String key, byte[] record) {
        redis.set(key, record, TTL);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
