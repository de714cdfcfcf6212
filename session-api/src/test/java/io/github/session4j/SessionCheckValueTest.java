package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every path by which a value enters the session asks the binding first; a rejected value leaves
 * the session exactly as it was, with nothing recorded.
 */
class SessionCheckValueTest {

    private static final SessionTestBinding.Rejected BAD = new SessionTestBinding.Rejected("not storable");

    /** A path that makes {@code value} enter the session, and the keys the binding must check. */
    private static Arguments path(String name, BiConsumer<Session, Object> entry, String... checked) {
        return Arguments.of(name, entry, List.of(checked));
    }

    static Stream<Arguments> entryPaths() {
        return Stream.of(
                path("put", (s, v) -> s.put("c", v), "c"),
                path("put over an existing key", (s, v) -> s.put("a", v), "a"),
                path("putAll, the value among good ones", (s, v) -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("c", 3);
                    values.put("d", v);
                    values.put("e", 5);
                    s.putAll(values);
                }, "c", "d", "e"),
                path("entry setValue", (s, v) -> s.entrySet().iterator().next().setValue(v), "a"),
                path("setDefault", (s, v) -> s.setDefault("c", v), "c"),
                path("putIfAbsent", (s, v) -> s.putIfAbsent("c", v), "c"),
                path("putIfAbsent over null", (s, v) -> s.putIfAbsent("n", v), "n"),
                path("replace", (s, v) -> s.replace("a", v), "a"),
                path("replace if equal", (s, v) -> s.replace("a", 1, v), "a"),
                path("compute", (s, v) -> s.compute("a", (k, old) -> v), "a"),
                path("computeIfAbsent", (s, v) -> s.computeIfAbsent("c", k -> v), "c"),
                path("computeIfPresent", (s, v) -> s.computeIfPresent("a", (k, old) -> v), "a"),
                path("merge into an absent key", (s, v) -> s.merge("c", v, (x, y) -> y), "c"),
                path("merge into a present key", (s, v) -> s.merge("a", 1, (x, y) -> v), "a"),
                path("replaceAll, the value for one key", (s, v) -> s.replaceAll((k, old) -> k.equals("b") ? v : k),
                        "a", "b", "n"));
    }

    private static Map<String, Object> content() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("a", 1);
        content.put("b", 2);
        content.put("n", null);
        return content;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPaths")
    void aRejectedValueChangesNothing(String name, BiConsumer<Session, Object> entry, List<String> checked) {
        Session session = SessionTestBinding.stored(content()).session();

        assertThatThrownBy(() -> entry.accept(session, BAD))
                .isInstanceOf(SessionEncodingException.class)
                .hasMessageMatching("session key \"[a-z]\": not storable");

        assertThat(session).isEqualTo(content());
        assertThat(session.changes()).isEmpty();
        assertThat(session.isModified()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPaths")
    void everyValueThatEntersIsChecked(String name, BiConsumer<Session, Object> entry, List<String> checked) {
        SessionTestBinding binding = SessionTestBinding.stored(content());
        Session session = binding.session();

        entry.accept(session, "fine");

        assertThat(binding.checked).isEqualTo(checked);
        assertThat(session).containsValue("fine");
        assertThat(session.isModified()).isTrue();
    }
}
