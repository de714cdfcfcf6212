package io.github.session4j.redis;

import io.github.session4j.spi.StoredRecord;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;

/**
 * Reads a {@code GET}/{@code GETEX} reply straight into a {@link StoredRecord}: the version from
 * the value's first 8 bytes and the record copied once from Lettuce's buffer, where decoding to a
 * byte array and then splitting off the version ({@link VersionedValue#decode}) would copy it twice.
 * A large session is read once per request, so the second copy of 100 KB showed in every read.
 */
final class VersionedOutput extends CommandOutput<byte[], byte[], StoredRecord> {

    VersionedOutput() {
        super(ByteArrayCodec.INSTANCE, null);
    }

    @Override
    public void set(ByteBuffer bytes) {
        if (bytes == null) {
            output = null;
            return;
        }
        if (bytes.remaining() < VersionedValue.PREFIX) {
            byte[] all = new byte[bytes.remaining()];
            bytes.get(all);
            output = VersionedValue.decode(all);
            return;
        }
        long version = bytes.getLong();
        byte[] record = new byte[bytes.remaining()];
        bytes.get(record);
        output = new StoredRecord(record, version, null);
    }
}
