package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecRoundTripTest {

    static Stream<SessionCodec> codecs() {
        return Fixtures.codecs();
    }

    /** Every documented scalar, with edge values, in both formats. */
    static Stream<Arguments> scalars() {
        List<Object> values = List.of(
                true, false,
                0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE,
                0L, 7L, -7L, Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1,
                (short) 0, Short.MAX_VALUE, Short.MIN_VALUE,
                (byte) 0, Byte.MAX_VALUE, Byte.MIN_VALUE,
                0.0, -0.0, 1.5, 0.1, Math.PI, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, 3.0,
                0.0f, -0.0f, 0.1f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3.0f,
                BigInteger.ZERO, new BigInteger("-123456789012345678901234567890"),
                new BigDecimal("19.90"), new BigDecimal("1E+5"), new BigDecimal("-0.000"),
                "", "plain", "line\r\nbreak", "a=b; c=d", "{\"@class\":\"java.lang.Runtime\"}", "[\"L\", 5]",
                "\u0000\u001f\u007f", "caf\u00e9 \u65e5\u672c \ud83d\ude00", "NaN", "Infinity",
                Instant.EPOCH, Instant.parse("2025-06-01T12:34:56.123456789Z"), Instant.MIN, Instant.MAX,
                Instant.ofEpochSecond(-1, 999_999_999),
                new UUID(0, 0), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(-1, -1));
        return codecs().flatMap(codec -> values.stream().map(value -> Arguments.of(codec, value)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scalars")
    void scalarsComeBackWithTheirExactClassAndValue(SessionCodec codec, Object value) {
        Object back = roundTrip(codec, value);
        assertThat(back).isExactlyInstanceOf(value.getClass()).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aSmallLongStaysALongAndAnIntegerStaysAnInteger(SessionCodec codec) {
        Map<String, Object> back = codec.decode(codec.encode(Map.of("i", 5, "l", 5L)));
        assertThat(back.get("i")).isExactlyInstanceOf(Integer.class);
        assertThat(back.get("l")).isExactlyInstanceOf(Long.class);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void nullAndEmptyValuesRoundTrip(SessionCodec codec) {
        assertThat(roundTrip(codec, null)).isNull();
        assertThat(roundTrip(codec, List.of())).isEqualTo(new ArrayList<>());
        assertThat(roundTrip(codec, Map.of())).isEqualTo(new LinkedHashMap<>());
        assertThat((byte[]) roundTrip(codec, new byte[0])).isEmpty();
        assertThat(codec.decode(codec.encode(Map.of()))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void byteArraysRoundTripByContent(SessionCodec codec) {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat((byte[]) roundTrip(codec, all)).isEqualTo(all);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void everyListBecomesAnArrayListAndEveryMapALinkedHashMapInOrder(SessionCodec codec) {
        Map<String, Object> tree = new TreeMap<>(Map.of("b", 2, "a", 1, "c", 3));
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("z", 1);
        reversed.put("y", 2);
        reversed.put("x", 3);

        assertThat(roundTrip(codec, new LinkedList<>(List.of(1, 2)))).isExactlyInstanceOf(ArrayList.class)
                .isEqualTo(List.of(1, 2));
        assertThat(roundTrip(codec, Collections.unmodifiableList(Arrays.asList("a", null))))
                .isExactlyInstanceOf(ArrayList.class).isEqualTo(Arrays.asList("a", null));
        assertThat(roundTrip(codec, tree)).isExactlyInstanceOf(LinkedHashMap.class).isEqualTo(tree);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) roundTrip(codec, reversed);
        assertThat(back.keySet()).containsExactly("z", "y", "x");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void attributesKeepTheirOrderAndTheDecodedMapIsMutable(SessionCodec codec) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 20; i > 0; i--) {
            attributes.put("k" + i, i);
        }
        Map<String, Object> back = codec.decode(codec.encode(attributes));
        assertThat(back).isExactlyInstanceOf(LinkedHashMap.class).isEqualTo(attributes);
        assertThat(back.keySet()).containsExactlyElementsOf(attributes.keySet());
        back.put("new", 1);
        assertThat(back).containsKey("new");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void nestedStructuresKeepEveryTypeAtEveryLevel(SessionCodec codec) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", "A-1");
        item.put("qty", 2);
        item.put("price", new BigDecimal("9.99"));
        item.put("id", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        item.put("added", Instant.parse("2025-01-02T03:04:05Z"));
        item.put("blob", new byte[] {1, 2, 3});
        item.put("tags", List.of("x", 1L, 1.5f, List.of(List.of((short) 3))));
        item.put("none", null);
        Map<String, Object> cart = new LinkedHashMap<>();
        cart.put("items", List.of(item, item));
        cart.put("owner", Map.of("name", "key=value; path=/\r\nSet-Cookie: x"));

        Object back = roundTrip(codec, cart);

        assertThat(back).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(cart);
        @SuppressWarnings("unchecked")
        Map<String, Object> firstItem = (Map<String, Object>) ((List<?>) ((Map<?, ?>) back).get("items")).get(0);
        assertThat(((List<?>) firstItem.get("tags")).get(1)).isExactlyInstanceOf(Long.class);
        assertThat(((List<?>) firstItem.get("tags")).get(2)).isExactlyInstanceOf(Float.class);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void mapKeysMayHoldAnyText(SessionCodec codec) {
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("", 1);
        odd.put("a.b[0]", 2);
        odd.put("line\nbreak=;", 3);
        odd.put("@class", "java.lang.Runtime");
        assertThat(codec.decode(codec.encode(odd))).isEqualTo(odd);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void randomDoublesAndFloatsRoundTripBitForBit(SessionCodec codec) {
        Random random = new Random(42);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(Float.intBitsToFloat(random.nextInt()));
            values.add(random.nextDouble());
            values.add(random.nextFloat());
        }
        List<?> back = (List<?>) roundTrip(codec, values);
        for (int i = 0; i < values.size(); i++) {
            Object expected = values.get(i);
            Object actual = back.get(i);
            assertThat(actual).isExactlyInstanceOf(expected.getClass());
            if (expected instanceof Double d) {
                assertThat(Double.doubleToLongBits((Double) actual)).isEqualTo(Double.doubleToLongBits(d));
            } else {
                assertThat(Float.floatToIntBits((Float) actual)).isEqualTo(Float.floatToIntBits((Float) expected));
            }
        }
    }

    @Test
    void jsonPayloadsAreReadableText() {
        SessionCodec json = SessionCodec.json(ValueTypes.none(), 32, 4096);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("user", "ada");
        attributes.put("visits", 3);
        attributes.put("since", 5L);
        attributes.put("tags", List.of("a"));
        assertThat(new String(json.encode(attributes), StandardCharsets.UTF_8))
                .isEqualTo("{\"user\":\"ada\",\"visits\":3,\"since\":[\"L\",5],\"tags\":[\"l\",\"a\"]}");
        assertThat(json.name()).isEqualTo("json");
        assertThat(SessionCodec.msgpack(ValueTypes.none(), 32, 4096).name()).isEqualTo("msgpack");
    }
}
