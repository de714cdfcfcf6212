package io.github.session4j.codec;

import io.github.session4j.SessionConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Codecs and record formats for the tests. */
final class Fixtures {

    static final int DEPTH = 32;
    static final int SIZE = 524_288;

    private Fixtures() {
    }

    static Stream<SessionCodec> codecs() {
        return codecs(ValueTypes.none());
    }

    static Stream<SessionCodec> codecs(ValueTypes types) {
        return Stream.of(SessionCodec.msgpack(types, DEPTH, SIZE), SessionCodec.json(types, DEPTH, SIZE));
    }

    /** A record format from settings given as alternating keys and values. */
    static RecordFormat format(String... settings) {
        return format(ValueTypes.none(), settings);
    }

    static RecordFormat format(ValueTypes types, String... settings) {
        SessionConfig.Builder config = SessionConfig.builder();
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return RecordFormat.create(config.build(), types);
    }

    /** A mutable single-entry attribute map. */
    static Map<String, Object> attributes(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    /** Encodes and decodes one value under the key {@code v}. */
    static Object roundTrip(SessionCodec codec, Object value) {
        return codec.decode(codec.encode(attributes("v", value))).get("v");
    }
}
