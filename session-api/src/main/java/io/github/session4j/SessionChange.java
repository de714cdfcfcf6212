package io.github.session4j;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One mutation a request made to its {@link Session}, in a form that can be applied again to
 * fresher data. When a conditional save loses a race, the manager reloads the session and calls
 * {@link Session#replayOnto} to re-apply this request's changes, in order, key by key.
 *
 * <p>Replaying behaves as if this request's operations had run after the concurrent ones:
 * <ul>
 *   <li>{@link Put} and {@link Remove} write or remove unconditionally (last writer wins per key);
 *   <li>the conditional operations ({@link PutIfAbsent}, {@link Replace}, {@link ReplaceIfEquals},
 *       {@link RemoveIfEquals}, {@link SetDefault}) evaluate their condition again on the fresh
 *       data, so a {@code putIfAbsent} does not overwrite a value another request stored meanwhile;
 *   <li>the function changes ({@link Rerun}: compute, computeIfAbsent, computeIfPresent, merge and
 *       each key of replaceAll) run their function again on the fresh value, so a counter
 *       incremented with {@code merge} in two concurrent requests gains 2.
 * </ul>
 * Only operations that changed the session when they ran are recorded. The session checks the
 * arguments (no {@code null} key, function or merge value) before it records a change.
 */
sealed interface SessionChange
        permits SessionChange.Put, SessionChange.Remove, SessionChange.PutIfAbsent,
                SessionChange.Replace, SessionChange.ReplaceIfEquals, SessionChange.RemoveIfEquals,
                SessionChange.SetDefault, SessionChange.Rerun {

    /**
     * The key this change touches.
     *
     * @return the key, never {@code null}
     */
    String key();

    /**
     * Applies this change to a map, re-evaluating conditions and re-running functions on its
     * content.
     *
     * @param target the map to change (it must accept {@code null} values)
     */
    void applyTo(Map<String, Object> target);

    /** A change whose new value comes from a function that runs again on every replay. */
    sealed interface Rerun extends SessionChange
            permits Compute, ComputeIfAbsent, ComputeIfPresent, Merge, ReplaceValue {}

    /**
     * {@code put(key, value)}, also through {@code putAll} and {@code Entry.setValue}.
     *
     * @param key the key
     * @param value the value stored
     */
    record Put(String key, Object value) implements SessionChange {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.put(key, value);
        }
    }

    /**
     * A removal of a present key: {@code remove}, {@code pop}, {@code clear}, views, iterators.
     *
     * @param key the key removed
     */
    record Remove(String key) implements SessionChange {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.remove(key);
        }
    }

    /**
     * {@code putIfAbsent(key, value)}: replays as {@link Map#putIfAbsent}, which also replaces a
     * {@code null} value.
     *
     * @param key the key
     * @param value the value stored when the key is absent or maps to {@code null}
     */
    record PutIfAbsent(String key, Object value) implements SessionChange {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.putIfAbsent(key, value);
        }
    }

    /**
     * {@code setDefault(key, value)}: replays as "put if the key is absent" (a present
     * {@code null} value is kept, as in Python's {@code dict.setdefault}).
     *
     * @param key the key
     * @param value the value stored when the key is absent
     */
    record SetDefault(String key, Object value) implements SessionChange {
        @Override
        public void applyTo(Map<String, Object> target) {
            if (!target.containsKey(key)) {
                target.put(key, value);
            }
        }
    }

    /**
     * {@code replace(key, value)}: replays only if the key is still present.
     *
     * @param key the key
     * @param value the new value
     */
    record Replace(String key, Object value) implements SessionChange {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.replace(key, value);
        }
    }

    /**
     * {@code replace(key, expected, value)}: replays only if the key still maps to
     * {@code expected}.
     *
     * @param key the key
     * @param expected the value the key must map to
     * @param value the new value
     */
    record ReplaceIfEquals(String key, Object expected, Object value) implements SessionChange {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.replace(key, expected, value);
        }
    }

    /**
     * {@code remove(key, expected)}: replays only if the key still maps to {@code expected}.
     *
     * @param key the key
     * @param expected the value the key must map to
     */
    record RemoveIfEquals(String key, Object expected) implements SessionChange {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.remove(key, expected);
        }
    }

    /**
     * {@code compute(key, function)}: replays as {@link Map#compute}.
     *
     * @param key the key
     * @param function the remapping function, run again on replay
     */
    record Compute(String key, BiFunction<? super String, ? super Object, ?> function)
            implements Rerun {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.compute(key, function);
        }
    }

    /**
     * {@code computeIfAbsent(key, function)}: replays as {@link Map#computeIfAbsent}.
     *
     * @param key the key
     * @param function the mapping function, run again on replay if the key is absent there
     */
    record ComputeIfAbsent(String key, Function<? super String, ?> function) implements Rerun {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.computeIfAbsent(key, function);
        }
    }

    /**
     * {@code computeIfPresent(key, function)}: replays as {@link Map#computeIfPresent}.
     *
     * @param key the key
     * @param function the remapping function, run again on replay if the key is present there
     */
    record ComputeIfPresent(String key, BiFunction<? super String, ? super Object, ?> function)
            implements Rerun {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.computeIfPresent(key, function);
        }
    }

    /**
     * {@code merge(key, value, function)}: replays as {@link Map#merge}.
     *
     * @param key the key
     * @param value the value stored when the key is absent, else merged with the fresh value
     * @param function the merge function, run again on replay
     */
    record Merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> function)
            implements Rerun {
        @Override
        public void applyTo(Map<String, Object> target) {
            target.merge(key, value, function);
        }
    }

    /**
     * One key of {@code replaceAll(function)}: replays only if the key is still present, with
     * the function applied to the fresh value.
     *
     * @param key the key
     * @param function the function given to replaceAll
     */
    record ReplaceValue(String key, BiFunction<? super String, ? super Object, ?> function)
            implements Rerun {
        @Override
        public void applyTo(Map<String, Object> target) {
            if (target.containsKey(key)) {
                target.put(key, function.apply(key, target.get(key)));
            }
        }
    }
}
