package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every documented value type (DESIGN.md §6) comes back from the store with its Java type and
 * value, in both serialization formats, also after the record was rewritten by a later request.
 */
abstract class CodecContract extends LifecycleGroup {

    CodecContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    /** One value of each documented type, keyed by what it is. */
    static Map<String, Object> documentedValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("null", null);
        values.put("boolean", Boolean.TRUE);
        values.put("int", 42);
        values.put("negative int", Integer.MIN_VALUE);
        values.put("long", 1L << 40);
        values.put("double", 3.25);
        values.put("string", "h\u00e9llo \u2713 \u65e5\u672c \ud83d\ude00");
        values.put("empty string", "");
        values.put("bytes", new byte[] {0, 1, 127, -128, -1});
        values.put("list", Arrays.asList(1, "two", 3.5, null, List.of(true)));
        values.put("map", Map.of("a", 1, "nested", Map.of("b", List.of("c"))));
        values.put("instant", Instant.parse("2024-02-29T12:34:56.789Z"));
        values.put("uuid", UUID.fromString("0b9f5a9e-6c1d-4c52-8d0e-3f2a1b4c5d6e"));
        return values;
    }

    @ParameterizedTest(name = "SESSION_SERIALIZATION_FORMAT={0}")
    @ValueSource(strings = {"msgpack", "json"})
    void everyDocumentedTypeRoundTripsThroughTheStore(String format) {
        SessionManager manager = manager(Map.of("SESSION_SERIALIZATION_FORMAT", format));
        Map<String, Object> expected = documentedValues();
        String id = newSession(manager, expected);

        assertRoundTrip(expected, visit(manager, id).values(), format + ", after the first save");

        SessionContext rewrite = request(manager, id);
        rewrite.session().put("unrelated", "change");
        rewrite.commit();
        Map<String, Object> afterRewrite = visit(manager, id).values();
        afterRewrite.remove("unrelated");
        assertRoundTrip(expected, afterRewrite, format + ", after another request rewrote the record");
    }

    /** The type a value must come back as: its own class, or the collection interface. */
    private static Class<?> documentedType(Object value) {
        if (value instanceof List) {
            return List.class;
        }
        return value instanceof Map ? Map.class : value.getClass();
    }

    private static void assertRoundTrip(Map<String, Object> expected, Map<String, Object> actual, String when) {
        assertThat(actual.keySet()).as("the keys read back (%s)", when).isEqualTo(expected.keySet());
        expected.forEach((key, value) -> {
            Object got = actual.get(key);
            if (value == null) {
                assertThat(got).as("the value of '%s' read back (%s)", key, when).isNull();
            } else if (value instanceof byte[] bytes) {
                assertThat(got).as("the type of '%s' read back (%s)", key, when).isInstanceOf(byte[].class);
                KitGroup.assertSameBytes("the bytes of '" + key + "' read back (" + when + ")", bytes, (byte[]) got);
            } else {
                assertThat(got).as("the type of '%s' read back (%s)", key, when).isInstanceOf(documentedType(value));
                assertThat(got).as("the value of '%s' read back (%s)", key, when).isEqualTo(value);
            }
        });
    }
}
