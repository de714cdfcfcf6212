package io.github.session4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import net.spy.memcached.BinaryConnectionFactory;
import net.spy.memcached.CachedData;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.transcoders.Transcoder;

/** The memcached floor: spymemcached (binary protocol, like session-memcached), {@code get} to load, {@code set} to write. */
final class RawMemcachedTarget extends RawTarget {

    private static final int TTL = (int) RawRecord.TTL_SECONDS;

    private final MemcachedClient client;
    private final Transcoder<byte[]> bytes = new BytesTranscoder();

    RawMemcachedTarget(int port, int size) {
        super(size);
        try {
            client = new MemcachedClient(new BinaryConnectionFactory(), List.of(new InetSocketAddress("127.0.0.1", port)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to memcached on 127.0.0.1:" + port, e);
        }
    }

    @Override
    byte[] load(String key) {
        byte[] record = client.get(key, bytes);
        if (record == null) {
            throw new IllegalStateException("no raw item " + key);
        }
        return record;
    }

    @Override
    void write(String key, byte[] record) {
        try {
            if (!Boolean.TRUE.equals(client.set(key, TTL, record, bytes).get())) {
                throw new IllegalStateException("memcached refused to set " + key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("memcached set of " + key + " failed", e);
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }

    /** Bytes as they are, flags 0, no compression: what session-memcached stores too. */
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
