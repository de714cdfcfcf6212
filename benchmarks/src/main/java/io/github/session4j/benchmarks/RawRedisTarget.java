package io.github.session4j.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/** The Redis floor: Lettuce, one shared connection, {@code GET} to read, {@code GET} + {@code SET PX} to modify. */
final class RawRedisTarget implements SessionTarget {

    private static final SetArgs TTL = SetArgs.Builder.px(RawRecord.TTL_SECONDS * 1000);

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> redis;
    private final byte[] payload;

    RawRedisTarget(int port, int size) {
        client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        redis = connection.sync();
        payload = Payload.of(size);
    }

    @Override
    public String newSession() {
        String key = RawRecord.newKey("raw:");
        redis.set(key, RawRecord.initial(payload), TTL);
        return key;
    }

    @Override
    public int read(String key) {
        return redis.get(key).length;
    }

    @Override
    public long modify(String key) {
        byte[] record = redis.get(key);
        long counter = RawRecord.increment(record);
        redis.set(key, record, TTL);
        return counter;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }

}
