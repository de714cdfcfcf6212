package io.github.session4j.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * Both codecs: one tagged-tree walk over Jackson's streaming API, which JSON and MessagePack
 * share. No {@code ObjectMapper} is involved, so no data binding or polymorphic typing can ever be
 * switched on.
 */
final class JacksonSessionCodec implements SessionCodec {

    private final String name;
    private final JsonFactory factory;
    private final boolean msgpack;
    private final TreeWriter writer;
    private final TreeWriter checker;
    private final TreeReader reader;
    private final int maxBytes;

    private JacksonSessionCodec(String name, JsonFactory factory, ValueTypes types, int maxDepth, int maxBytes,
            SerializableDoor door) {
        Objects.requireNonNull(types, "types");
        if (maxDepth < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxDepth and maxBytes must be at least 1, were "
                    + maxDepth + " and " + maxBytes);
        }
        this.name = name;
        this.msgpack = factory instanceof MessagePackFactory;
        this.factory = factory;
        this.writer = new TreeWriter(types, maxDepth, door, false);
        this.checker = new TreeWriter(types, maxDepth, door, true);
        this.reader = new TreeReader(types, maxDepth, door);
        this.maxBytes = maxBytes;
        factory.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(2 * maxDepth + 8)
                .maxStringLength(maxBytes)
                .maxDocumentLength(maxBytes)
                .build());
    }

    static JacksonSessionCodec msgpack(ValueTypes types, int maxDepth, int maxBytes) {
        return msgpack(types, maxDepth, maxBytes, null);
    }

    /** @param door the door for SESSION_SERIALIZABLE_CLASSES, or null when the setting is unset */
    static JacksonSessionCodec msgpack(ValueTypes types, int maxDepth, int maxBytes, SerializableDoor door) {
        return new JacksonSessionCodec("msgpack", new MessagePackFactory(), types, maxDepth, maxBytes, door);
    }

    static JacksonSessionCodec json(ValueTypes types, int maxDepth, int maxBytes) {
        return json(types, maxDepth, maxBytes, null);
    }

    /** @param door the door for SESSION_SERIALIZABLE_CLASSES, or null when the setting is unset */
    static JacksonSessionCodec json(ValueTypes types, int maxDepth, int maxBytes, SerializableDoor door) {
        JsonFactory factory = JsonFactory.builder()
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        return new JacksonSessionCodec("json", factory, types, maxDepth, maxBytes, door);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] encode(Map<String, Object> attributes) {
        BoundedOutput out = new BoundedOutput(maxBytes);
        encodeTo(attributes, out);
        if (out.overflowed()) {
            throw new SessionEncodingException("the session payload is " + out.count() + " bytes encoded, over the"
                    + " codec's cap of " + maxBytes + "; store less in the session or raise SESSION_MAX_SIZE");
        }
        return out.toByteArray();
    }

    /** Writes the payload after whatever {@code out} already holds (the envelope's header). */
    void encodeTo(Map<String, Object> attributes, OutputStream out) {
        Objects.requireNonNull(attributes, "attributes");
        try (JsonGenerator generator = factory.createGenerator(out)) {
            writer.writeAttributes(generator, attributes);
        } catch (IOException e) {
            throw new SessionEncodingException("the session could not be encoded as " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void check(String key, Object value) {
        Objects.requireNonNull(key, "key");
        try (JsonGenerator generator = factory.createGenerator(OutputStream.nullOutputStream())) {
            checker.writeAttribute(generator, key, value);
        } catch (IOException e) {
            throw new SessionEncodingException("session key '" + key + "' could not be encoded as " + name + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> decode(byte[] payload) {
        return decode(payload, 0, payload.length);
    }

    /** Decodes {@code length} bytes of {@code bytes} from {@code offset}. */
    Map<String, Object> decode(byte[] bytes, int offset, int length) {
        if (length > maxBytes) {
            throw new UnreadableRecordException(Reason.TOO_LARGE, "the payload is " + length
                    + " bytes, over the cap of " + maxBytes);
        }
        if (msgpack) {
            // also checks that nothing follows the root: the msgpack parser fails at the end instead
            MsgpackBounds.check(bytes, offset, length);
        }
        try (JsonParser parser = factory.createParser(bytes, offset, length)) {
            Map<String, Object> attributes = reader.readAttributes(parser);
            if (!msgpack && parser.nextToken() != null) {
                throw TreeReader.malformed("the payload has data after its map of attributes");
            }
            return attributes;
        } catch (UnreadableRecordException e) {
            throw e;
        } catch (JsonEOFException e) {
            throw TreeReader.truncated();
        } catch (IOException | RuntimeException e) {
            // the library's own message may quote the input, so only its type is kept
            throw TreeReader.malformed("the " + name + " payload is malformed (" + e.getClass().getSimpleName() + ")");
        }
    }
}
