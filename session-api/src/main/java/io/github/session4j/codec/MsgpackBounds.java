package io.github.session4j.codec;

import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.io.IOException;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Checks, before anything is decoded, that every length a MessagePack payload declares fits in the
 * bytes actually present. The msgpack parser allocates a string's or binary's declared length
 * up front, so without this pass a 6-byte payload could ask for a 2 GB array.
 */
final class MsgpackBounds {

    private MsgpackBounds() {
    }

    /**
     * Walks the value headers of exactly one MessagePack value without reading any payload.
     *
     * @throws UnreadableRecordException TRUNCATED when a declared length or element count exceeds
     *     what is left, MALFORMED_PAYLOAD on trailing data or an unusable header
     */
    static void check(byte[] bytes, int offset, int length) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes, offset, length)) {
            long pending = 1;
            while (pending > 0) {
                pending--;
                if (!unpacker.hasNext()) {
                    throw TreeReader.truncated();
                }
                switch (unpacker.getNextFormat().getValueType()) {
                    case ARRAY -> pending += unpacker.unpackArrayHeader();
                    case MAP -> pending += 2L * unpacker.unpackMapHeader();
                    default -> unpacker.skipValue();
                }
                // every pending value needs at least one more byte
                if (pending > length - unpacker.getTotalReadBytes()) {
                    throw TreeReader.truncated();
                }
            }
            if (unpacker.hasNext()) {
                throw TreeReader.malformed("the payload has data after its map of attributes");
            }
        } catch (UnreadableRecordException e) {
            throw e;
        } catch (MessageInsufficientBufferException e) {
            throw new UnreadableRecordException(Reason.TRUNCATED, "the payload declares more data than it holds");
        } catch (IOException | RuntimeException e) {
            throw TreeReader.malformed("the payload has an unusable MessagePack header ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
