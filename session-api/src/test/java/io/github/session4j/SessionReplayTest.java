package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * {@code replayOnto}: what a request that lost a save race writes after reloading. Two sessions
 * loaded from the same stored content stand for two concurrent requests.
 */
class SessionReplayTest {

    private static final Map<String, Object> STORED = Map.of("counter", 0, "a", "x", "csrf", "t0");

    private static Session request() {
        return SessionTestBinding.stored(STORED).session();
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.remove(key);
        return copy;
    }

    @Test
    void mergeCountersLoseNoIncrementAndTheFunctionRunsAgain() {
        AtomicInteger calls = new AtomicInteger();
        BiFunction<Object, Object, Object> plus = (x, y) -> {
            calls.incrementAndGet();
            return (Integer) x + (Integer) y;
        };
        Session first = request();
        Session second = request();
        first.merge("counter", 1, plus);
        second.merge("counter", 1, plus);
        assertThat(calls).hasValue(2);

        Map<String, Object> saved = first.attributes();
        Map<String, Object> replayed = second.replayOnto(saved);

        assertThat(replayed).containsEntry("counter", 2);
        assertThat(calls).hasValue(3);
    }

    @Test
    void computeRunsAgainOnTheFreshValue() {
        Session session = request();
        session.compute("counter", (k, v) -> (Integer) v + 10);

        assertThat(session.replayOnto(with(STORED, "counter", 5))).containsEntry("counter", 15);
    }

    @Test
    void putsAndRemovesWinKeyByKeyAndKeepOtherKeys() {
        Session session = request();
        session.put("b", "mine");
        session.remove("a");
        Map<String, Object> fresh = with(with(STORED, "a", "theirs"), "c", "theirs");

        assertThat(session.replayOnto(fresh))
                .isEqualTo(Map.of("counter", 0, "csrf", "t0", "b", "mine", "c", "theirs"));
    }

    @Test
    void changesReplayInOrder() {
        Session session = request();
        session.put("b", 1);
        session.remove("b");
        session.put("a", "first");
        session.put("a", "second");

        assertThat(session.replayOnto(with(STORED, "b", "theirs")))
                .doesNotContainKey("b")
                .containsEntry("a", "second");
    }

    @Test
    void freshContentIsNotModifiedAndTheResultIsANewMap() {
        Session session = request();
        session.put("b", null);
        Map<String, Object> fresh = Map.copyOf(STORED);

        Map<String, Object> replayed = session.replayOnto(fresh);

        assertThat(fresh).isEqualTo(STORED);
        assertThat(replayed).containsEntry("b", null).isNotSameAs(fresh);
        replayed.put("c", 1);
        assertThat(session).doesNotContainKey("c");
    }

    @Test
    void putIfAbsentDoesNotOverwriteAValueStoredMeanwhile() {
        Session session = request();
        session.putIfAbsent("token", "mine");

        assertThat(session.replayOnto(with(STORED, "token", "theirs"))).containsEntry("token", "theirs");
        assertThat(session.replayOnto(STORED)).containsEntry("token", "mine");
        assertThat(session.replayOnto(with(STORED, "token", null))).containsEntry("token", "mine");
    }

    @Test
    void setDefaultKeepsAnyValueStoredMeanwhileEvenNull() {
        Session session = request();
        session.setDefault("token", "mine");

        assertThat(session.replayOnto(with(STORED, "token", "theirs"))).containsEntry("token", "theirs");
        assertThat(session.replayOnto(with(STORED, "token", null))).containsEntry("token", null);
        assertThat(session.replayOnto(STORED)).containsEntry("token", "mine");
    }

    @Test
    void replaceSkipsAKeyRemovedMeanwhile() {
        Session session = request();
        session.replace("a", "mine");

        assertThat(session.replayOnto(without(STORED, "a"))).doesNotContainKey("a");
        assertThat(session.replayOnto(with(STORED, "a", "theirs"))).containsEntry("a", "mine");
    }

    @Test
    void replaceIfEqualsChecksTheFreshValue() {
        Session session = request();
        session.replace("csrf", "t0", "t1");

        assertThat(session.replayOnto(with(STORED, "csrf", "t9"))).containsEntry("csrf", "t9");
        assertThat(session.replayOnto(STORED)).containsEntry("csrf", "t1");
    }

    @Test
    void removeIfEqualsChecksTheFreshValue() {
        Session session = request();
        session.remove("csrf", "t0");

        assertThat(session.replayOnto(with(STORED, "csrf", "t9"))).containsEntry("csrf", "t9");
        assertThat(session.replayOnto(STORED)).doesNotContainKey("csrf");
    }

    @Test
    void computeIfAbsentDoesNotRunWhenTheKeyAppearedMeanwhile() {
        AtomicInteger calls = new AtomicInteger();
        Session session = request();
        session.computeIfAbsent("cart", k -> "cart-" + calls.incrementAndGet());

        assertThat(session.replayOnto(with(STORED, "cart", "theirs"))).containsEntry("cart", "theirs");
        assertThat(calls).hasValue(1);
        assertThat(session.replayOnto(STORED)).containsEntry("cart", "cart-2");
    }

    @Test
    void computeIfPresentDoesNotRunWhenTheKeyWasRemovedMeanwhile() {
        Session session = request();
        session.computeIfPresent("a", (k, v) -> v + "!");

        assertThat(session.replayOnto(without(STORED, "a"))).doesNotContainKey("a");
        assertThat(session.replayOnto(with(STORED, "a", "y"))).containsEntry("a", "y!");
    }

    @Test
    void mergeToNullRemovesOnReplayToo() {
        Session session = request();
        session.merge("a", "x", (old, v) -> old.equals(v) ? null : old);

        assertThat(session.replayOnto(STORED)).doesNotContainKey("a");
        assertThat(session.replayOnto(with(STORED, "a", "y"))).containsEntry("a", "y");
    }

    @Test
    void replaceAllTouchesOnlyItsKeysThatStillExist() {
        Session session = request();
        session.replaceAll((k, v) -> k + "=" + v);
        Map<String, Object> fresh = new LinkedHashMap<>(without(STORED, "a"));
        fresh.put("late", "theirs");
        fresh.put("counter", 7);

        assertThat(session.replayOnto(fresh))
                .isEqualTo(Map.of("counter", "counter=7", "csrf", "csrf=t0", "late", "theirs"));
    }

    @Test
    void clearRemovesOnlyTheKeysItSaw() {
        Session session = request();
        session.clear();

        assertThat(session.replayOnto(with(STORED, "late", "theirs"))).isEqualTo(Map.of("late", "theirs"));
    }

    @Test
    void aRerunFunctionsValueIsCheckedLikeAPut() {
        SessionTestBinding binding = SessionTestBinding.stored(STORED);
        Session session = binding.session();
        session.merge("counter", 1, (x, y) -> x instanceof Integer i ? i + (Integer) y : new SessionTestBinding.Rejected("no"));
        binding.checked.clear();

        assertThatThrownBy(() -> session.replayOnto(with(STORED, "counter", "text")))
                .isInstanceOf(SessionEncodingException.class)
                .hasMessage("session key \"counter\": no");
        assertThat(session.replayOnto(STORED)).containsEntry("counter", 1);
        assertThat(binding.checked).containsExactly("counter", "counter");
    }
}
