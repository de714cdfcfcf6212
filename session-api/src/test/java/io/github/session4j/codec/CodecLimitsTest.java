package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.awt.Point;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecLimitsTest {

    static final String SUPPORTED = "Supported: null, Boolean, Integer, Long, Short, Byte, Double, Float, BigInteger,"
            + " BigDecimal, String, byte[], List, Map<String,?>, Instant, UUID;"
            + " register other types with ValueType.of(...)";

    static Stream<SessionCodec> codecs() {
        return Fixtures.codecs();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void anUnsupportedTypeIsRefusedWithItsKeyPathAndType(SessionCodec codec) {
        Map<String, Object> cart = attributes("items", List.of(1, 2, new Point(1, 2)));
        assertThatThrownBy(() -> codec.encode(attributes("cart", cart)))
                .isExactlyInstanceOf(SessionEncodingException.class)
                .hasMessage("session key 'cart.items[2]' holds a java.awt.Point, which is not a supported session"
                        + " value type. " + SUPPORTED);
        assertThatThrownBy(() -> codec.check("cart", cart))
                .hasMessage("session key 'cart.items[2]' holds a java.awt.Point, which is not a supported session"
                        + " value type. " + SUPPORTED);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void nothingOutsideTheListWidensSilently(SessionCodec codec) {
        for (Object value : List.of(Set.of(1), 'c', new int[] {1}, new String[] {"a"}, Optional.empty(),
                new StringBuilder("x"), new BigDecimal("1") { private static final long serialVersionUID = 1L; })) {
            assertThatThrownBy(() -> codec.check("v", value))
                    .as(value.getClass().getName())
                    .isExactlyInstanceOf(SessionEncodingException.class)
                    .hasMessageStartingWith("session key 'v' holds a " + value.getClass().getName() + ", which is not");
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void mapKeysMustBeStrings(SessionCodec codec) {
        Map<Object, Object> byId = new HashMap<>();
        byId.put(7, "x");
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        assertThatThrownBy(() -> codec.check("prefs", List.of(byId)))
                .hasMessage("session key 'prefs[0]' holds a Map with a java.lang.Integer key; only String keys are"
                        + " supported: convert the keys to Strings");
        assertThatThrownBy(() -> codec.check("prefs", nullKey))
                .hasMessage("session key 'prefs' holds a Map with a null key; only String keys are supported:"
                        + " convert the keys to Strings");
        Map<String, Object> root = new HashMap<>();
        root.put(null, 1);
        assertThatThrownBy(() -> codec.encode(root))
                .hasMessage("the session holds a null key; session keys must be non-null Strings");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void controlCharactersInKeysAreMaskedInMessages(SessionCodec codec) {
        assertThatThrownBy(() -> codec.check("a\r\nb", new Point()))
                .hasMessageStartingWith("session key 'a??b' holds a java.awt.Point");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void depthIsCappedOnEncode(SessionCodec codec) {
        assertThat(Fixtures.roundTrip(codec, nested(Fixtures.DEPTH))).isEqualTo(nested(Fixtures.DEPTH));
        assertThatThrownBy(() -> codec.check("deep", nested(Fixtures.DEPTH + 1)))
                .isExactlyInstanceOf(SessionEncodingException.class)
                .hasMessage("session key 'deep" + "[0]".repeat(Fixtures.DEPTH) + "' nests deeper than"
                        + " SESSION_MAX_DEPTH=32 (each List, Map and registered value counts one level); flatten the"
                        + " value or raise SESSION_MAX_DEPTH");
        assertThatThrownBy(() -> codec.encode(attributes("deep", nested(Fixtures.DEPTH + 1))))
                .isExactlyInstanceOf(SessionEncodingException.class);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aValueThatContainsItselfIsRefusedNotAStackOverflow(SessionCodec codec) {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("self", map);
        assertThatThrownBy(() -> codec.check("loop", loop)).hasMessageContaining("nests deeper than SESSION_MAX_DEPTH");
        assertThatThrownBy(() -> codec.check("map", map)).hasMessageContaining("'map.self.self");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void depthIsCappedOnDecode(SessionCodec codec) {
        SessionCodec deeper = codec.name().equals("json")
                ? SessionCodec.json(ValueTypes.none(), 1000, Fixtures.SIZE)
                : SessionCodec.msgpack(ValueTypes.none(), 1000, Fixtures.SIZE);
        byte[] ok = deeper.encode(attributes("m", nestedMaps(Fixtures.DEPTH)));
        byte[] tooDeep = deeper.encode(attributes("m", nestedMaps(Fixtures.DEPTH + 1)));
        byte[] veryDeep = deeper.encode(attributes("l", nested(999)));

        assertThat(codec.decode(ok)).isEqualTo(attributes("m", nestedMaps(Fixtures.DEPTH)));
        for (byte[] payload : List.of(tooDeep, veryDeep)) {
            assertThatThrownBy(() -> codec.decode(payload))
                    .isInstanceOfSatisfying(UnreadableRecordException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_DEEP))
                    .hasMessage("the payload nests deeper than SESSION_MAX_DEPTH=32");
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void sizeIsCappedOnEncodeAndDecode(SessionCodec codec) {
        SessionCodec small = codec.name().equals("json")
                ? SessionCodec.json(ValueTypes.none(), 32, 64)
                : SessionCodec.msgpack(ValueTypes.none(), 32, 64);
        byte[] big = codec.encode(attributes("s", "x".repeat(100)));

        assertThatThrownBy(() -> small.encode(attributes("s", "x".repeat(100))))
                .isExactlyInstanceOf(SessionEncodingException.class)
                .hasMessage("the session payload is " + big.length + " bytes encoded, over the codec's cap of 64;"
                        + " store less in the session or raise SESSION_MAX_SIZE");
        assertThatThrownBy(() -> small.decode(big))
                .isInstanceOfSatisfying(UnreadableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("the payload is " + big.length + " bytes, over the cap of 64");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void stringsThatUtf8CannotCarryAreRefused(SessionCodec codec) {
        assertThatThrownBy(() -> codec.check("s", "ok\ud800"))
                .hasMessage("session key 's' holds a String with an unpaired surrogate at index 2, which cannot be"
                        + " stored as UTF-8");
        assertThatThrownBy(() -> codec.check("m", Map.of("\udc00", 1)))
                .hasMessage("session key 'm.\udc00' holds a key with an unpaired surrogate at index 0, which cannot"
                        + " be stored as UTF-8");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void hugeBigNumbersAreRefused(SessionCodec codec) {
        BigInteger huge = BigInteger.TEN.pow(1000);
        assertThat(Fixtures.roundTrip(codec, BigInteger.TEN.pow(999))).isEqualTo(BigInteger.TEN.pow(999));
        assertThatThrownBy(() -> codec.check("n", huge))
                .hasMessage("session key 'n' holds a BigInteger of 1001 characters, over the limit of 1000; store it"
                        + " as a String or byte[]");
    }

    /** {@code depth} lists nested in one another, the innermost empty. */
    static List<Object> nested(int depth) {
        List<Object> list = new ArrayList<>();
        for (int i = 1; i < depth; i++) {
            List<Object> outer = new ArrayList<>();
            outer.add(list);
            list = outer;
        }
        return list;
    }

    static Map<String, Object> nestedMaps(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 1; i < depth; i++) {
            map = attributes("k", map);
        }
        return map;
    }
}
