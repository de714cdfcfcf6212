package io.github.session4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import net.spy.memcached.BinaryConnectionFactory;
import net.spy.memcached.CachedData;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.transcoders.Transcoder;

/** The memcached floor: spymemcached (binary protocol), {@code get} to read, {@code get} + {@code set} to modify. */
final class RawMemcachedTarget implements SessionTarget {

    private static final int TTL = (int) RawRecord.TTL_SECONDS;

    private final MemcachedClient client;
    private final Transcoder<byte[]> bytes = new BytesTranscoder();
    private final byte[] payload;

    RawMemcachedTarget(int port, int size) {
        try {
            client = new MemcachedClient(new BinaryConnectionFactory(), List.of(new InetSocketAddress("127.0.0.1", port)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to memcached on 127.0.0.1:" + port, e);
        }
        payload = Payload.of(size);
    }

    @Override
    public String newSession() {
        String key = RawRecord.newKey("raw:");
        await(client.set(key, TTL, RawRecord.initial(payload), bytes));
        return key;
    }

    @Override
    public int read(String key) {
        return client.get(key, bytes).length;
    }

    @Override
    public long modify(String key) {
        byte[] record = client.get(key, bytes);
        long counter = RawRecord.increment(record);
        await(client.set(key, TTL, record, bytes));
        return counter;
    }

    @Override
    public void close() {
        client.shutdown();
    }

    private static void await(java.util.concurrent.Future<Boolean> stored) {
        try {
            if (!Boolean.TRUE.equals(stored.get())) {
                throw new IllegalStateException("memcached refused a set");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("memcached set failed", e);
        }
    }

    /** Bytes as they are, flags 0, no compression: the same as session-memcached stores. */
    private static final class BytesTranscoder implements Transcoder<byte[]> {
        @Override
        public boolean asyncDecode(CachedData data) {
            return false;
        }

        @Override
        public CachedData encode(byte[] value) {
            return new CachedData(0, value, CachedData.MAX_SIZE);
        }

        @Override
        public byte[] decode(CachedData data) {
            return data.getData();
        }

        @Override
        public int getMaxSize() {
            return CachedData.MAX_SIZE;
        }
    }
}
