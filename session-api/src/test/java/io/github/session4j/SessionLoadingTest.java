package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The session loads lazily, on the first call of any public method, and exactly once. */
class SessionLoadingTest {

    static Stream<Named<Consumer<Session>>> publicMethods() {
        return Stream.of(
                call("get", s -> s.get("a")),
                call("get(key, type)", s -> s.get("a", Integer.class)),
                call("getOrDefault", s -> s.getOrDefault("a", 1)),
                call("containsKey", s -> s.containsKey("a")),
                call("containsValue", s -> s.containsValue(1)),
                call("size", Session::size),
                call("isEmpty", Session::isEmpty),
                call("forEach", s -> s.forEach((k, v) -> { })),
                call("keySet", Session::keySet),
                call("values", Session::values),
                call("entrySet", Session::entrySet),
                call("equals", s -> s.equals(Map.of())),
                call("hashCode", Session::hashCode),
                call("toString", Session::toString),
                call("isNew", Session::isNew),
                call("isModified", Session::isModified),
                call("isPermanent", Session::isPermanent),
                call("setPermanent", s -> s.setPermanent(true)),
                call("creationTime", Session::creationTime),
                call("regenerate", Session::regenerate),
                call("isRegenerateRequested", Session::isRegenerateRequested),
                call("invalidate", Session::invalidate),
                call("isInvalidated", Session::isInvalidated),
                call("put", s -> s.put("a", 1)),
                call("putAll", s -> s.putAll(Map.of("a", 1))),
                call("remove", s -> s.remove("a")),
                call("clear", Session::clear),
                call("pop", s -> s.pop("a")),
                call("setDefault", s -> s.setDefault("a", 1)),
                call("merge", s -> s.merge("a", 1, (x, y) -> y)));
    }

    private static Named<Consumer<Session>> call(String name, Consumer<Session> call) {
        return Named.of(name, call);
    }

    @Test
    void creatingASessionLoadsNothing() {
        SessionTestBinding binding = SessionTestBinding.stored(Map.of("a", 1));
        Session session = binding.session();

        assertThat(binding.loads).isZero();
        assertThat(session.isLoaded()).isFalse();
        assertThat(session.loadedState()).isNull();
        assertThat(session.changes()).isEmpty();
        assertThat(session.isPermanentChanged()).isFalse();
        assertThat(session.replayOnto(Map.of("b", 2))).isEqualTo(Map.of("b", 2));
        assertThat(binding.loads).isZero();
    }

    @Test
    void attributesOfASessionNeverLoadedIsAnError() {
        Session session = SessionTestBinding.fresh().session();

        assertThatThrownBy(session::attributes)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the session was never loaded in this request, so it has no content to save;"
                        + " check isLoaded() first");
    }

    @ParameterizedTest
    @MethodSource("publicMethods")
    void anyPublicMethodLoadsOnce(Consumer<Session> call) {
        SessionTestBinding binding = SessionTestBinding.stored(Map.of("a", 1));
        Session session = binding.session();

        call.accept(session);
        assertThat(binding.loads).isEqualTo(1);
        assertThat(session.isLoaded()).isTrue();

        session.get("a");
        session.put("b", 2);
        session.isNew();
        session.keySet().iterator();
        assertThat(binding.loads).isEqualTo(1);
    }

    @Test
    void theLoadedStateIsWhatTheSessionShows() {
        Instant created = Instant.parse("2025-12-31T23:59:59Z");
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("user", "ada");
        stored.put("nothing", null);
        LoadState state = SessionTestBinding.storedState(stored, true, created, false);
        Session session = new SessionTestBinding(state).session();

        assertThat(session.entrySet())
                .containsExactly(Map.entry("user", "ada"), new AbstractMap.SimpleEntry<>("nothing", null));
        assertThat(session.isNew()).isFalse();
        assertThat(session.isPermanent()).isTrue();
        assertThat(session.creationTime()).isEqualTo(created);
        assertThat(session.loadedState()).isSameAs(state);
        assertThat(session.isModified()).isFalse();
        assertThat(session.attributes()).isEqualTo(stored);
    }

    @Test
    void loadedStateIsACopyThatRejectsNullKeys() {
        Map<String, Object> source = new HashMap<>();
        source.put("a", 1);
        LoadState state = SessionTestBinding.storedState(source, false, Instant.EPOCH, false);
        source.put("b", 2);

        assertThat(state.attributes()).containsOnlyKeys("a");
        assertThatThrownBy(() -> state.attributes().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        source.put(null, 3);
        assertThatThrownBy(() -> SessionTestBinding.storedState(source, false, Instant.EPOCH, false))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("a loaded session cannot hold a null key");
    }

    @Test
    void aFailedLoadIsNotRetriedInTheSameRequest() {
        SessionBackendException failure = new SessionBackendException("store down");
        int[] loads = {0};
        Session session = new Session(new SessionBinding() {
            @Override
            public LoadState load() {
                loads[0]++;
                throw failure;
            }

            @Override
            public void checkValue(String key, Object value) {}

            @Override
            public java.time.Duration defaultIdleTimeout() {
                return SessionTestBinding.DEFAULT_IDLE_TIMEOUT;
            }
        });

        assertThatThrownBy(() -> session.get("a")).isSameAs(failure);
        assertThatThrownBy(session::isNew).isSameAs(failure);
        assertThat(loads[0]).isEqualTo(1);
        assertThat(session.isLoaded()).isFalse();
    }

    @Test
    void aBindingThatLoadsNullIsReported() {
        Session session = new Session(new SessionBinding() {
            @Override
            public LoadState load() {
                return null;
            }

            @Override
            public void checkValue(String key, Object value) {}

            @Override
            public java.time.Duration defaultIdleTimeout() {
                return SessionTestBinding.DEFAULT_IDLE_TIMEOUT;
            }
        });

        assertThatThrownBy(session::size)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("SessionBinding.load() returned null");
    }

    @Test
    void nullKeysAreRejectedBeforeLoading() {
        SessionTestBinding binding = SessionTestBinding.fresh();
        Session session = binding.session();

        assertThatThrownBy(() -> session.put(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("session keys cannot be null");
        assertThat(binding.loads).isZero();
    }
}
