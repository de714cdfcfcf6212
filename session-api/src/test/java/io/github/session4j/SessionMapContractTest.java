package io.github.session4j;

import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.SampleElements;
import com.google.common.collect.testing.TestMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * Guava testlib's generated {@link Map} contract suites (views, iterators, entries, default
 * methods, equals/hashCode/toString) over a {@link Session}, in two shapes: content loaded from
 * the store, and content put into a new session. Runs on the JUnit Vintage engine.
 */
public final class SessionMapContractTest {

    private SessionMapContractTest() {}

    /**
     * The suite JUnit 3 runs.
     *
     * @return both generated suites
     */
    public static Test suite() {
        TestSuite suite = new TestSuite("Session map contract");
        suite.addTest(contract("Session loaded from the store", true));
        suite.addTest(contract("Session filled by puts", false));
        return suite;
    }

    private static TestSuite contract(String name, boolean loaded) {
        return MapTestSuiteBuilder.using(new Generator(loaded))
                .named(name)
                .withFeatures(
                        MapFeature.GENERAL_PURPOSE,
                        MapFeature.ALLOWS_NULL_VALUES,
                        MapFeature.ALLOWS_ANY_NULL_QUERIES,
                        MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                        CollectionFeature.KNOWN_ORDER,
                        CollectionSize.ANY)
                .createTestSuite();
    }

    /** Makes sessions holding the given entries, either as loaded content or through puts. */
    private static final class Generator implements TestMapGenerator<String, Object> {
        private final boolean loaded;

        Generator(boolean loaded) {
            this.loaded = loaded;
        }

        @Override
        public SampleElements<Map.Entry<String, Object>> samples() {
            return new SampleElements<>(
                    entry("one", "January"),
                    entry("two", "February"),
                    entry("three", "March"),
                    entry("four", "April"),
                    entry("five", "May"));
        }

        @Override
        public Map<String, Object> create(Object... entries) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (Object o : entries) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                content.put((String) e.getKey(), e.getValue());
            }
            if (loaded) {
                return SessionTestBinding.stored(content).session();
            }
            Session session = SessionTestBinding.fresh().session();
            content.forEach(session::put);
            return session;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map.Entry<String, Object>[] createArray(int length) {
            return (Map.Entry<String, Object>[]) new Map.Entry<?, ?>[length];
        }

        @Override
        public Iterable<Map.Entry<String, Object>> order(List<Map.Entry<String, Object>> insertionOrder) {
            return insertionOrder;
        }

        @Override
        public String[] createKeyArray(int length) {
            return new String[length];
        }

        @Override
        public Object[] createValueArray(int length) {
            return new Object[length];
        }

        private static Map.Entry<String, Object> entry(String key, Object value) {
            return new AbstractMap.SimpleImmutableEntry<>(key, value);
        }
    }
}
