package io.github.session4j.memcached;

import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.Transcoder;

/**
 * Stores the record bytes exactly as the core hands them over: no Java serialization, no
 * compression, flags 0. The size limit is left to the server, which knows its own {@code -I}.
 */
final class RawBytesTranscoder implements Transcoder<byte[]> {

    /** The flags stored with every record. */
    static final int FLAGS = 0;

    @Override
    public boolean asyncDecode(CachedData data) {
        return false;
    }

    @Override
    public CachedData encode(byte[] record) {
        return new CachedData(FLAGS, record, getMaxSize());
    }

    @Override
    public byte[] decode(CachedData data) {
        return data.getData();
    }

    @Override
    public int getMaxSize() {
        return Integer.MAX_VALUE;
    }
}
