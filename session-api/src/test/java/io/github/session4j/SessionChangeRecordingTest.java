package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mutating path records what it changed, in order, and marks the session modified; reads,
 * removals of absent keys and conditional operations whose condition fails record nothing.
 */
class SessionChangeRecordingTest {

    private static final BiFunction<Object, Object, Object> PLUS = (x, y) -> (Integer) x + (Integer) y;

    /** A stored session {a=1, b=2, n=null}. */
    private static Session stored() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("a", 1);
        content.put("b", 2);
        content.put("n", null);
        return SessionTestBinding.stored(content).session();
    }

    /** Each change as "Kind:key", enough to tell function changes apart. */
    private static List<String> recorded(Session session) {
        return session.changes().stream().map(c -> c.getClass().getSimpleName() + ":" + c.key()).toList();
    }

    private static Arguments path(String name, Consumer<Session> mutation, String... expected) {
        return Arguments.of(name, mutation, List.of(expected));
    }

    static Stream<Arguments> mutations() {
        return Stream.of(
                path("put", s -> s.put("c", 3), "Put:c"),
                path("put of an equal value", s -> s.put("a", 1), "Put:a"),
                path("put null", s -> s.put("a", null), "Put:a"),
                path("putAll", s -> s.putAll(Map.of("c", 3)), "Put:c"),
                path("remove", s -> s.remove("a"), "Remove:a"),
                path("remove of a null value", s -> s.remove("n"), "Remove:n"),
                path("clear", Session::clear, "Remove:a", "Remove:b", "Remove:n"),
                path("pop", s -> s.pop("b"), "Remove:b"),
                path("pop with default", s -> s.pop("b", 0), "Remove:b"),
                path("setDefault of an absent key", s -> s.setDefault("c", 3), "SetDefault:c"),
                path("putIfAbsent of an absent key", s -> s.putIfAbsent("c", 3), "PutIfAbsent:c"),
                path("putIfAbsent over null", s -> s.putIfAbsent("n", 3), "PutIfAbsent:n"),
                path("replace", s -> s.replace("a", 5), "Replace:a"),
                path("replace if equal", s -> s.replace("a", 1, 5), "ReplaceIfEquals:a"),
                path("remove if equal", s -> s.remove("a", 1), "RemoveIfEquals:a"),
                path("compute to a value", s -> s.compute("a", (k, v) -> 7), "Compute:a"),
                path("compute to null", s -> s.compute("a", (k, v) -> null), "Compute:a"),
                path("compute null over null", s -> s.compute("n", (k, v) -> null), "Compute:n"),
                path("computeIfAbsent", s -> s.computeIfAbsent("c", k -> 3), "ComputeIfAbsent:c"),
                path("computeIfPresent", s -> s.computeIfPresent("a", (k, v) -> 5), "ComputeIfPresent:a"),
                path("computeIfPresent to null", s -> s.computeIfPresent("a", (k, v) -> null), "ComputeIfPresent:a"),
                path("merge into absent", s -> s.merge("c", 1, PLUS), "Merge:c"),
                path("merge into present", s -> s.merge("a", 1, PLUS), "Merge:a"),
                path("merge to null", s -> s.merge("a", 1, (x, y) -> null), "Merge:a"),
                path("replaceAll", s -> s.replaceAll((k, v) -> k), "ReplaceValue:a", "ReplaceValue:b", "ReplaceValue:n"),
                path("keySet().remove", s -> s.keySet().remove("a"), "Remove:a"),
                path("keySet().removeIf", s -> s.keySet().removeIf("b"::equals), "Remove:b"),
                path("keySet().retainAll", s -> s.keySet().retainAll(List.of("a")), "Remove:b", "Remove:n"),
                path("keySet().removeAll", s -> s.keySet().removeAll(List.of("a", "zz")), "Remove:a"),
                path("keySet().clear", s -> s.keySet().clear(), "Remove:a", "Remove:b", "Remove:n"),
                path("keySet iterator remove", s -> removeFirst(s.keySet().iterator()), "Remove:a"),
                path("values().remove", s -> s.values().remove(2), "Remove:b"),
                path("values().removeIf", s -> s.values().removeIf(v -> v == null), "Remove:n"),
                path("values iterator remove", s -> removeFirst(s.values().iterator()), "Remove:a"),
                path("entrySet().remove", s -> s.entrySet().remove(Map.entry("b", 2)), "Remove:b"),
                path("entrySet().removeIf", s -> s.entrySet().removeIf(e -> e.getKey().equals("a")), "Remove:a"),
                path("entrySet iterator remove", s -> removeFirst(s.entrySet().iterator()), "Remove:a"),
                path("entry setValue", s -> s.entrySet().iterator().next().setValue(9), "Put:a"),
                path("several in order", s -> {
                    s.put("c", 3);
                    s.remove("a");
                    s.merge("c", 1, PLUS);
                }, "Put:c", "Remove:a", "Merge:c"));
    }

    private static void removeFirst(Iterator<?> it) {
        it.next();
        it.remove();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void everyMutatingPathIsRecorded(String name, Consumer<Session> mutation, List<String> expected) {
        Session session = stored();

        mutation.accept(session);

        assertThat(recorded(session)).isEqualTo(expected);
        assertThat(session.isModified()).isTrue();
    }

    static Stream<Arguments> nonMutations() {
        return Stream.of(
                path("get", s -> s.get("a")),
                path("typed get", s -> s.get("a", Integer.class)),
                path("getOrDefault", s -> s.getOrDefault("zz", 1)),
                path("containsKey and containsValue", s -> {
                    s.containsKey("a");
                    s.containsValue(2);
                }),
                path("forEach", s -> s.forEach((k, v) -> { })),
                path("iteration of all views", s -> {
                    s.keySet().forEach(k -> { });
                    s.values().forEach(v -> { });
                    s.entrySet().forEach(e -> e.getValue());
                }),
                path("equals, hashCode, toString", s -> {
                    s.equals(Map.of());
                    s.hashCode();
                    s.toString();
                }),
                path("remove of an absent key", s -> s.remove("zz")),
                path("remove of a null key", s -> s.remove(null)),
                path("pop of an absent key", s -> s.pop("zz")),
                path("pop of an absent key with a default", s -> s.pop("zz", 0)),
                path("setDefault of a present key", s -> s.setDefault("a", 5)),
                path("setDefault of a key mapped to null", s -> s.setDefault("n", 5)),
                path("putIfAbsent of a present key", s -> s.putIfAbsent("a", 5)),
                path("replace of an absent key", s -> s.replace("zz", 5)),
                path("replace with another expected value", s -> s.replace("a", 2, 5)),
                path("remove with another expected value", s -> s.remove("a", 2)),
                path("compute null for an absent key", s -> s.compute("zz", (k, v) -> null)),
                path("computeIfAbsent of a present key", s -> s.computeIfAbsent("a", k -> 5)),
                path("computeIfAbsent to null", s -> s.computeIfAbsent("zz", k -> null)),
                path("computeIfPresent of an absent key", s -> s.computeIfPresent("zz", (k, v) -> 5)),
                path("computeIfPresent of a null value", s -> s.computeIfPresent("n", (k, v) -> 5)),
                path("keySet().remove of an absent key", s -> s.keySet().remove("zz")),
                path("values().remove of an absent value", s -> s.values().remove(99)),
                path("entrySet().remove of another value", s -> s.entrySet().remove(Map.entry("a", 2))),
                path("regenerate", Session::regenerate),
                path("setPermanent to the loaded value", s -> s.setPermanent(false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonMutations")
    void readsAndNoOpsRecordNothing(String name, Consumer<Session> read, List<String> none) {
        Session session = stored();
        session.isNew();
        Map<String, Object> before = session.attributes();

        read.accept(session);

        assertThat(session.changes()).isEmpty();
        assertThat(session.isModified()).isFalse();
        assertThat(session).isEqualTo(before);
    }

    @Test
    void plainChangesCarryTheirValues() {
        Session session = stored();

        session.put("c", "x");
        session.entrySet().iterator().next().setValue("y");
        session.remove("b");
        session.putIfAbsent("d", 4);
        session.replace("a", "y", "z");
        session.remove("d", 4);

        assertThat(session.changes()).containsExactly(
                new SessionChange.Put("c", "x"),
                new SessionChange.Put("a", "y"),
                new SessionChange.Remove("b"),
                new SessionChange.PutIfAbsent("d", 4),
                new SessionChange.ReplaceIfEquals("a", "y", "z"),
                new SessionChange.RemoveIfEquals("d", 4));
    }

    @Test
    void theChangeListIsACopy() {
        Session session = stored();
        session.put("c", 3);
        List<SessionChange> changes = session.changes();

        session.put("d", 4);

        assertThat(changes).hasSize(1);
    }

    @Test
    void attributesIsAnUnmodifiableSnapshot() {
        Session session = stored();
        session.isNew();
        Map<String, Object> snapshot = session.attributes();

        session.put("c", 3);

        assertThat(snapshot).doesNotContainKey("c").containsEntry("n", null);
        assertThat(session.attributes()).containsEntry("c", 3);
        assertThatThrownBy(() -> snapshot.put("d", 4))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
