package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.memory.MemorySessionInterface;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code SESSION_RECORD_CACHE} on the memory backend (a {@link io.github.session4j.spi.RecordRevalidator}):
 * large records are kept and revalidated by version, and every change made by another manager on
 * the same store (another instance of the application) is still seen.
 */
class RecordCacheTest {

    private static final int LARGE = 20_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MemorySessionInterface memory = new MemorySessionInterface(clock);
    private final List<SessionManager> managers = new ArrayList<>();

    private SessionManager manager(String... settings) {
        SessionConfig.Builder config = SessionConfig.builder();
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        SessionManager manager = SessionManager.builder(config.build()).clock(clock).backend("memory", memory).build();
        managers.add(manager);
        return manager;
    }

    private SessionManager caching(String... more) {
        String[] settings = new String[more.length + 2];
        settings[0] = "SESSION_RECORD_CACHE";
        settings[1] = "1MB";
        System.arraycopy(more, 0, settings, 2, more.length);
        return manager(settings);
    }

    @AfterEach
    void close() {
        managers.forEach(SessionManager::close);
    }

    private static <T> T request(SessionManager manager, String id, Function<Session, T> code) {
        SessionContext context = manager.begin(RequestHeaders.cookie("session=" + id));
        T result = code.apply(context.session());
        context.commit();
        return result;
    }

    private static void modify(SessionManager manager, String id, Consumer<Session> code) {
        request(manager, id, s -> {
            code.accept(s);
            return null;
        });
    }

    private static String newSession(SessionManager manager, int size) {
        SessionContext context = manager.begin(RequestHeaders.none());
        context.session().put("data", new byte[size]);
        context.session().put("counter", 0L);
        String cookie = context.commit().header("Set-Cookie").orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private static Object counter(SessionManager manager, String id) {
        return request(manager, id, s -> s.get("counter"));
    }

    @Test
    void isOffByDefault() {
        SessionManager manager = manager();
        String id = newSession(manager, LARGE);

        counter(manager, id);
        counter(manager, id);

        assertThat(manager.stats().revalidated()).as("revalidated loads without SESSION_RECORD_CACHE").isZero();
    }

    @Test
    void aLargeRecordReadAgainIsRevalidatedAndReadsTheSame() {
        SessionManager manager = caching();
        String id = newSession(manager, LARGE);

        assertThat(counter(manager, id)).isEqualTo(0L);
        long loadsBefore = manager.stats().loads();
        int length = request(manager, id, s -> ((byte[]) s.get("data")).length);
        assertThat(length).as("length of data read back").isEqualTo(LARGE);

        assertThat(manager.stats().revalidated()).as("second read of a kept 20 KB record").isEqualTo(1);
        assertThat(manager.stats().loads() - loadsBefore).as("loads of the second read").isEqualTo(1);
    }

    @Test
    void aSmallRecordIsNotKept() {
        SessionManager manager = caching();
        String id = newSession(manager, 100);

        counter(manager, id);
        counter(manager, id);

        assertThat(manager.stats().revalidated()).as("revalidated loads of a 100-byte session").isZero();
    }

    @Test
    void aChangeMadeByAnotherInstanceIsSeen() {
        SessionManager cached = caching();
        SessionManager other = manager();
        String id = newSession(cached, LARGE);
        counter(cached, id);

        modify(other, id, s -> s.put("counter", 7L));

        assertThat(counter(cached, id)).as("counter after another instance set it to 7").isEqualTo(7L);
        assertThat(counter(cached, id)).as("and read once more").isEqualTo(7L);
        assertThat(cached.stats().revalidated()).as("only the last read found its kept record current").isEqualTo(1);
    }

    @Test
    void aSessionInvalidatedByAnotherInstanceStaysGone() {
        SessionManager cached = caching();
        SessionManager other = manager();
        String id = newSession(cached, LARGE);
        counter(cached, id);

        modify(other, id, Session::invalidate);

        assertThat(request(cached, id, Session::isNew)).as("the session is new after another instance invalidated it").isTrue();
        assertThat(memory.peek(cached.storeKey(id))).as("the store after the logout and a read").isEmpty();
    }

    @Test
    void ownSavesAreKeptUnderTheirNewVersion() {
        SessionManager manager = caching();
        String id = newSession(manager, LARGE);
        counter(manager, id);

        modify(manager, id, s -> s.put("counter", 1L));
        modify(manager, id, s -> s.put("counter", 2L));

        assertThat(counter(manager, id)).isEqualTo(2L);
        assertThat(manager.stats().revalidated()).as("the two modifying requests and the read after the first read")
                .isEqualTo(3);
    }

    @Test
    void ownAppendedDeltaFramesAreKeptUnderTheirNewVersion() {
        SessionManager manager = caching("SESSION_DELTA_WRITES", "true");
        SessionManager other = manager("SESSION_DELTA_WRITES", "true");
        String id = newSession(manager, LARGE);
        counter(manager, id);

        for (long i = 1; i <= 5; i++) {
            long value = i;
            modify(manager, id, s -> s.put("counter", value));
        }

        assertThat(manager.stats().appends()).as("saves appended as delta frames").isEqualTo(5);
        assertThat(counter(manager, id)).isEqualTo(5L);
        assertThat(manager.stats().revalidated()).as("every request after the first read").isEqualTo(6);
        assertThat(counter(other, id)).as("what an instance without the cache reads").isEqualTo(5L);
    }

    @Test
    void aConflictWithAnotherInstanceKeepsBothChanges() {
        SessionManager cached = caching();
        SessionManager other = manager();
        String id = newSession(cached, LARGE);
        counter(cached, id);

        SessionContext slow = cached.begin(RequestHeaders.cookie("session=" + id));
        slow.session().put("mine", "yes");
        modify(other, id, s -> s.put("theirs", "yes"));
        slow.commit();

        assertThat(cached.stats().conflicts()).as("conflicts of the slow request").isEqualTo(1);
        String seenByCached = request(cached, id, s -> s.get("mine") + "/" + s.get("theirs"));
        String seenByOther = request(other, id, s -> s.get("mine") + "/" + s.get("theirs"));
        assertThat(seenByCached).as("mine/theirs read by the caching instance").isEqualTo("yes/yes");
        assertThat(seenByOther).as("mine/theirs read by the other instance").isEqualTo("yes/yes");
    }

    @Test
    void aRegeneratedSessionLeavesNothingUsableUnderTheOldKey() {
        SessionManager manager = caching();
        String id = newSession(manager, LARGE);
        counter(manager, id);

        SessionContext context = manager.begin(RequestHeaders.cookie("session=" + id));
        context.session().regenerate();
        context.commit();

        assertThat(request(manager, id, Session::isNew)).as("the old ID after a regenerate").isTrue();
    }

    @Test
    void theCacheHoldsNoMoreBytesThanItsSize() {
        SessionManager small = caching("SESSION_RECORD_CACHE", "32KB");
        String first = newSession(small, LARGE);
        String second = newSession(small, LARGE);

        for (int round = 0; round < 3; round++) {
            counter(small, first);
            counter(small, second);
        }

        assertThat(small.stats().revalidated())
                .as("revalidated loads of two 20 KB sessions read in turn with room for one (the other always misses)")
                .isLessThanOrEqualTo(2);
        SessionManager large = caching();
        for (int round = 0; round < 3; round++) {
            counter(large, first);
            counter(large, second);
        }
        assertThat(large.stats().revalidated()).as("the same with room for both").isEqualTo(4);
    }

    @Test
    void eachRequestGetsValuesOfItsOwnFromAKeptRecord() {
        SessionManager manager = caching();
        String id = newSession(manager, LARGE);
        modify(manager, id, s -> s.put("list", new ArrayList<>(List.of("a"))));

        for (int round = 0; round < 2; round++) {
            request(manager, id, s -> {
                ((byte[]) s.get("data"))[0] = 42; // changed in place, never put back: not saved
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) s.get("list");
                list.add("changed in place");
                return null;
            });
        }

        assertThat(manager.stats().revalidated()).as("both requests used the kept record").isEqualTo(2);
        byte first = request(manager, id, s -> ((byte[]) s.get("data"))[0]);
        Object list = request(manager, id, s -> s.get("list"));
        assertThat(first).as("the first byte of data, changed in place by earlier requests").isZero();
        assertThat(list).as("the list, changed in place by earlier requests").isEqualTo(List.of("a"));
    }

    @Test
    void signedDeltaFramesWrittenFromTheKeptChainStayReadableThroughRewrites() {
        String secret = "0123456789abcdef0123456789abcdef-test-secret";
        SessionManager manager = caching("SESSION_DELTA_WRITES", "true", "SECRET_KEY", secret);
        SessionManager other = manager("SESSION_DELTA_WRITES", "true", "SECRET_KEY", secret);
        String id = newSession(manager, LARGE);
        counter(manager, id);

        for (long i = 1; i <= 40; i++) {
            long value = i;
            modify(manager, id, s -> s.put("counter", value));
            if (i % 7 == 0) {
                assertThat(counter(other, id)).as("counter read by an instance without the cache after %d saves", i)
                        .isEqualTo(i);
            }
        }

        assertThat(manager.stats().appends()).as("saves appended (the rest rewrote the record whole)").isGreaterThan(30);
        assertThat(manager.stats().replaces()).as("whole rewrites after the most frames").isPositive();
        assertThat(counter(other, id)).isEqualTo(40L);
        assertThat(manager.stats().unreadableRecords() + other.stats().unreadableRecords()).as("unreadable records").isZero();
    }

    /** Ways an application reaches the value of {@code data} and changes it in place. */
    static Stream<Named<Consumer<Session>>> changesInPlace() {
        return Stream.of(
                Named.of("get", s -> poke(s.get("data"))),
                Named.of("getOrDefault", s -> poke(s.getOrDefault("data", null))),
                Named.of("get with a type", s -> poke(s.get("data", byte[].class))),
                Named.of("values()", s -> s.values().forEach(RecordCacheTest::poke)),
                Named.of("entrySet()", s -> s.entrySet().forEach(e -> poke(e.getValue()))),
                Named.of("forEach", s -> s.forEach((k, v) -> poke(v))),
                Named.of("containsValue", s -> s.containsValue(new Object() {
                    @Override
                    public boolean equals(Object other) {
                        poke(other);
                        return false;
                    }

                    @Override
                    public int hashCode() {
                        return 0;
                    }
                })),
                Named.of("compute", s -> s.compute("data", (k, v) -> poke(v))),
                Named.of("computeIfPresent", s -> s.computeIfPresent("data", (k, v) -> poke(v))),
                Named.of("computeIfAbsent's result", s -> poke(s.computeIfAbsent("data", k -> new byte[1]))),
                Named.of("merge", s -> s.merge("data", new byte[1], (old, v) -> poke(old))),
                Named.of("replaceAll", s -> s.replaceAll((k, v) -> poke(v))),
                Named.of("put's result", s -> poke(s.put("data", new byte[1]))),
                Named.of("putIfAbsent's result", s -> poke(s.putIfAbsent("data", new byte[1]))),
                Named.of("replace's result", s -> poke(s.replace("data", new byte[1]))),
                Named.of("setDefault's result", s -> poke(s.setDefault("data", new byte[1]))),
                Named.of("remove's result", s -> poke(s.remove("data"))),
                Named.of("pop's result", s -> poke(s.pop("data"))));
    }

    private static int firstByte(SessionManager manager, String id) {
        return request(manager, id, s -> (int) ((byte[]) s.get("data"))[0]);
    }

    private static Object poke(Object value) {
        if (value instanceof byte[] bytes) {
            bytes[0] = 42;
        }
        return value;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changesInPlace")
    void aValueReachedAnyWayIsTheRequestsOwn(Consumer<Session> changeInPlace) {
        SessionManager manager = caching();
        String id = newSession(manager, LARGE);
        counter(manager, id);
        SessionContext first = manager.begin(RequestHeaders.cookie("session=" + id));
        SessionContext second = manager.begin(RequestHeaders.cookie("session=" + id));
        first.session().size();
        second.session().size();

        changeInPlace.accept(first.session());

        assertThat(manager.stats().revalidated()).as("both requests loaded the kept record").isEqualTo(2);
        assertThat(((byte[]) second.session().get("data"))[0])
                .as("the first byte of data in a request running beside the one that changed its own in place").isZero();
        second.commit();
        assertThat(firstByte(manager, id)).as("the first byte read afterwards").isZero();
    }

    @Test
    void aChangeInPlaceThatWasNotPutBackIsNotKept() {
        SessionManager manager = caching("SESSION_DELTA_WRITES", "true");
        SessionManager other = manager("SESSION_DELTA_WRITES", "true");
        String id = newSession(manager, LARGE);
        counter(manager, id);

        modify(manager, id, s -> {
            poke(s.get("data")); // never put back, so not saved (as in Flask)
            s.put("counter", 1L);
        });

        assertThat(manager.stats().appends()).as("the counter was saved as a delta frame").isEqualTo(1);
        assertThat(firstByte(other, id)).as("data[0] in the store").isZero();
        assertThat(firstByte(manager, id))
                .as("data[0] read by the instance that changed it in place").isZero();
        assertThat(manager.stats().revalidated()).as("that read used the kept record").isEqualTo(2);
    }

    @Test
    void valuesKeptAfterAnAppendHaveTheTypesAReadOfTheStoreGives() {
        SessionManager manager = caching("SESSION_DELTA_WRITES", "true");
        SessionManager other = manager("SESSION_DELTA_WRITES", "true");
        String id = newSession(manager, LARGE);
        counter(manager, id);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", new ArrayList<>(List.of(1, 2L, "three")));
        nested.put("null", null);

        modify(manager, id, s -> {
            s.put("int", 5);
            s.put("short", (short) 6);
            s.put("decimal", new BigDecimal("1.50"));
            s.put("uuid", new UUID(1, 2));
            s.put("immutable list", List.of(1, 2));
            s.put("nested", nested);
            s.remove("counter");
        });

        assertThat(manager.stats().appends()).as("the change was saved as a delta frame").isEqualTo(1);
        Map<String, Object> cached = request(manager, id, s -> new LinkedHashMap<>(s));
        Map<String, Object> stored = request(other, id, s -> new LinkedHashMap<>(s));
        assertThat(manager.stats().revalidated()).as("the caching instance read the kept record").isEqualTo(2);
        assertThat(cached.keySet()).as("keys, in order").containsExactlyElementsOf(stored.keySet());
        assertThat(describe(cached)).as("values and their classes").isEqualTo(describe(stored));
    }

    /** Each value with its class, nested values included, for comparing what two reads gave. */
    private static String describe(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder("Map{");
            map.forEach((k, v) -> text.append(k).append('=').append(describe(v)).append(", "));
            return text.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.getClass().getSimpleName() + list.stream().map(RecordCacheTest::describe).toList();
        }
        if (value instanceof byte[] bytes) {
            return "byte[" + bytes.length + "]" + java.util.Arrays.hashCode(bytes);
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }

    @Test
    void concurrentRequestsOnAKeptSessionShareNothingAndLoseNoIncrement() throws Exception {
        SessionManager manager = caching("SESSION_DELTA_WRITES", "true");
        String id = newSession(manager, LARGE);
        counter(manager, id);
        int threads = 8;
        int requestsEach = 200;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean poker = t % 2 == 0;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < requestsEach; i++) {
                        if (poker) {
                            request(manager, id, s -> {
                                byte[] data = (byte[]) s.get("data");
                                assertThat(data[1]).as("data[1] as another request sees it").isZero();
                                data[1] = 42; // in place, never put back
                                return null;
                            });
                        } else {
                            modify(manager, id, s -> s.merge("counter", 1L, (a, b) -> (Long) a + (Long) b));
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        SessionManager other = manager("SESSION_DELTA_WRITES", "true");
        assertThat(counter(other, id)).as("the counter read without the cache").isEqualTo((long) threads / 2 * requestsEach);
        assertThat(counter(manager, id)).as("the counter read through the cache").isEqualTo((long) threads / 2 * requestsEach);
        assertThat(firstByte(manager, id) + request(manager, id, s -> (int) ((byte[]) s.get("data"))[1]))
                .as("data[0] + data[1] after requests that changed their own copies in place").isZero();
        assertThat(manager.stats().revalidated()).as("loads answered from the kept record").isPositive();
    }

    @Test
    void aBackendThatCannotRevalidateStopsStartUp() {
        SessionConfig config = SessionConfig.builder().put("SESSION_RECORD_CACHE", "1MB").build();
        SessionManager.Builder builder = SessionManager.builder(config).clock(clock)
                .backend("plain", CountingSessionInterface.withoutCapabilities(memory));

        assertThatThrownBy(builder::build).isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_RECORD_CACHE was '1MB' but the plain backend in use cannot tell whether a record"
                        + " changed without reading it: it has no RecordRevalidator. Backends on the classpath that have"
                        + " it: memory; set SESSION_TYPE to one of them, or unset SESSION_RECORD_CACHE.");
    }

    @Test
    void aWrapperThatPassesCapabilitiesThroughKeepsRecordsAndCountsEveryWrite() {
        SessionConfig config = SessionConfig.builder().put("SESSION_RECORD_CACHE", "1MB").build();
        CountingSessionInterface counted = new CountingSessionInterface(memory);
        SessionManager manager = SessionManager.builder(config).clock(clock).backend("memory", counted).build();
        managers.add(manager);
        String id = newSession(manager, LARGE);

        modify(manager, id, s -> s.put("counter", 1L));

        assertThat(counter(manager, id)).isEqualTo(1L);
        assertThat(manager.stats().revalidated()).as("loads answered from the kept record").isPositive();
        assertThat(counted.creates.get() + counted.replaces.get()).as("writes through the wrapper").isEqualTo(2);
    }
}
