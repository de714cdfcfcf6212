package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.memory.MemorySessionInterface;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The request lifecycle of DESIGN.md §4 against the memory backend, with store calls counted. */
class SessionManagerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private MemorySessionInterface memory;
    private CountingSessionInterface store;
    private SessionManager manager;

    private SessionManager manager(Map<String, String> settings) {
        memory = new MemorySessionInterface(clock);
        store = new CountingSessionInterface(memory);
        manager = SessionManager.builder(SessionConfig.builder().putAll(settings).build()).clock(clock)
                .backend("memory", store).build();
        return manager;
    }

    private SessionManager manager() {
        return manager(Map.of());
    }

    @AfterEach
    void closeManager() {
        if (manager != null) {
            manager.close();
        }
    }

    /** One request: the cookie it presents (or none), what the code does, and what comes back. */
    private Response request(String id, Consumer<Session> code) {
        SessionContext context = manager.begin(id == null ? RequestHeaders.none() : RequestHeaders.cookie("session=" + id));
        code.accept(context.session());
        return new Response(context.commit());
    }

    private record Response(CommitResult result) {
        Optional<String> setCookie() {
            return result.header("Set-Cookie");
        }

        String id() {
            String cookie = setCookie().orElseThrow(() -> new AssertionError("no Set-Cookie in " + result));
            return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        }
    }

    @Nested
    class Commit {

        @Test
        void untouchedSessionCostsNothingAndSetsNoHeader() {
            manager();
            SessionContext context = manager.begin(RequestHeaders.cookie("session=" + "A".repeat(43)));
            assertThat(context.commit().headers()).isEmpty();
            assertThat(store.total()).isZero();
        }

        @Test
        void newEmptySessionIsNotSavedAndGetsNoCookie() {
            manager();
            Response response = request(null, session -> assertThat(session.get("x")).isNull());
            assertThat(response.setCookie()).isEmpty();
            assertThat(response.result().header("Vary")).contains("Cookie");
            assertThat(store.total()).isZero();
        }

        @Test
        void valueSetInOneRequestIsReadInTheNextWithOneLoad() {
            manager();
            String id = request(null, session -> session.put("user", "ada")).id();
            assertThat(store.creates.get()).isEqualTo(1);
            int before = store.total();
            request(id, session -> assertThat(session.get("user")).isEqualTo("ada"));
            assertThat(store.total() - before).as("a read costs one round trip").isEqualTo(1);
        }

        @Test
        void modifyingRequestCostsALoadAndOneConditionalSave() {
            manager();
            String id = request(null, session -> session.put("n", 1)).id();
            int before = store.total();
            request(id, session -> session.put("n", 2));
            assertThat(store.total() - before).isEqualTo(2);
            assertThat(store.replaces.get()).isEqualTo(1);
        }

        @Test
        void unknownWellFormedIdGetsAFreshIdAndIsNeverStored() {
            manager();
            String presented = "B".repeat(43);
            Response response = request(presented, session -> session.put("a", 1));
            assertThat(response.id()).isNotEqualTo(presented).hasSize(43);
            assertThat(memory.keys("")).containsExactly(manager.storeKey(response.id()));
        }

        @Test
        void malformedIdsCostNoStoreCall() {
            manager();
            for (String bad : List.of("../x", "%2e%2e", "a\u0000b", "x".repeat(65536), "é".repeat(43), "A".repeat(42),
                    "A".repeat(44), "A A", "A+/" + "A".repeat(40))) {
                request(bad, session -> assertThat(session.isNew()).isTrue());
            }
            assertThat(store.total()).isZero();
            assertThat(manager.stats().rejectedIds()).as("the 64 KB header is not even parsed").isEqualTo(8);
        }

        @Test
        void invalidateDeletesTheRecordAndExpiresTheCookie() {
            manager();
            String id = request(null, session -> session.put("a", 1)).id();
            Response response = request(id, Session::invalidate);
            assertThat(response.setCookie()).hasValueSatisfying(c -> assertThat(c).startsWith("session=; Max-Age=0;"));
            assertThat(memory.keys("")).isEmpty();
            assertThat(request(id, session -> { }).result().headers()).isEmpty();
            request(id, session -> assertThat(session.isNew()).isTrue());
        }

        @Test
        void regenerateKeepsDataAndCreationTimeAndKillsTheOldId() {
            manager();
            String oldId = request(null, session -> session.put("a", 1)).id();
            Instant created = clock.instant();
            clock.advance(Duration.ofMinutes(5));
            String newId = request(oldId, Session::regenerate).id();
            assertThat(newId).isNotEqualTo(oldId);
            request(newId, session -> {
                assertThat(session.get("a")).isEqualTo(1);
                assertThat(session.creationTime()).isEqualTo(created);
            });
            request(oldId, session -> assertThat(session.isNew()).isTrue());
        }

        @Test
        void storeFailureSurfacesAsBackendExceptionNeverAsAFreshSession() {
            manager();
            String id = request(null, session -> session.put("a", 1)).id();
            store.setDown(true);
            SessionContext context = manager.begin(RequestHeaders.cookie("session=" + id));
            assertThat(context.session()).isNotNull();
            assertThatThrownBy(() -> context.session().get("a")).isInstanceOf(SessionBackendException.class);
        }

        @Test
        void firstWellFormedOfSeveralCookiesIsTheOneLookedUp() {
            manager();
            String id = request(null, session -> session.put("a", 1)).id();
            int loadsBefore = store.loads.get();
            SessionContext context = manager.begin(RequestHeaders.cookie("session=junk; session=" + id + "; session=" + "C".repeat(43)));
            assertThat(context.session().get("a")).isEqualTo(1);
            context.commit();
            assertThat(store.loads.get() - loadsBefore).isEqualTo(1);
        }
    }

    @Nested
    class Cookies {

        @Test
        void permanentSessionCookieCarriesEveryAttribute() {
            manager(Map.of("SESSION_COOKIE_DOMAIN", "example.com", "SESSION_COOKIE_PATH", "/app",
                    "SESSION_COOKIE_SECURE", "true", "SESSION_COOKIE_SAMESITE", "None", "SESSION_COOKIE_PARTITIONED", "true",
                    "PERMANENT_SESSION_LIFETIME", "1h"));
            Response response = request(null, session -> session.put("a", 1));
            assertThat(response.setCookie().orElseThrow()).isEqualTo("session=" + response.id()
                    + "; Max-Age=3600; Expires=Thu, 01 Jan 2026 01:00:00 GMT; Domain=example.com; Path=/app; Secure; HttpOnly;"
                    + " SameSite=None; Partitioned");
            assertThat(response.result().header("Cache-Control")).contains("private, no-store");
            Response deletion = request(response.id(), Session::invalidate);
            assertThat(deletion.setCookie().orElseThrow()).isEqualTo("session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;"
                    + " Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=None; Partitioned");
        }

        @Test
        void nonPermanentSessionGetsABrowserSessionCookie() {
            manager(Map.of("SESSION_PERMANENT", "false"));
            Response response = request(null, session -> session.put("a", 1));
            assertThat(response.setCookie().orElseThrow()).doesNotContain("Max-Age").doesNotContain("Expires");
        }

        @Test
        void headerModeReadsAndSendsTheId() {
            manager(Map.of("SESSION_ID_HEADER", "X-Session-Id"));
            SessionContext context = manager.begin(RequestHeaders.none());
            context.session().put("a", 1);
            String id = context.commit().header("X-Session-Id").orElseThrow();
            SessionContext next = manager.begin(RequestHeaders.of(Map.of("x-session-id", List.of(id))));
            assertThat(next.session().get("a")).isEqualTo(1);
        }
    }

    @Nested
    class Expiry {

        @Test
        void idleTimeoutEndsTheSession() {
            manager(Map.of("PERMANENT_SESSION_LIFETIME", "30m"));
            String id = request(null, session -> session.put("a", 1)).id();
            clock.advance(Duration.ofMinutes(31));
            request(id, session -> assertThat(session.isNew()).isTrue());
        }

        @Test
        void absoluteTimeoutHoldsDespiteActivityAndRegeneration() {
            manager(Map.of("PERMANENT_SESSION_LIFETIME", "30m", "SESSION_ABSOLUTE_LIFETIME", "1h"));
            String id = request(null, session -> session.put("a", 1)).id();
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofMinutes(10));
                id = request(id, Session::regenerate).id();
            }
            clock.advance(Duration.ofMinutes(11));
            request(id, session -> assertThat(session.isNew()).as("past the absolute lifetime").isTrue());
        }

        @Test
        void storeTtlIsNeverLongerThanWhatRemainsOfTheAbsoluteLifetime() {
            manager(Map.of("PERMANENT_SESSION_LIFETIME", "30m", "SESSION_ABSOLUTE_LIFETIME", "40m"));
            String id = request(null, session -> session.put("a", 1)).id();
            Instant absoluteEnd = clock.instant().plus(Duration.ofMinutes(40));
            clock.advance(Duration.ofMinutes(20));
            request(id, session -> session.get("a"));
            assertThat(memory.expiryOf(manager.storeKey(id))).contains(absoluteEnd);
        }

        @Test
        void readRefreshesTheExpiryOnlyWhenDue() {
            manager(Map.of("PERMANENT_SESSION_LIFETIME", "1h"));
            String id = request(null, session -> session.put("a", 1)).id();
            clock.advance(Duration.ofSeconds(30));
            request(id, session -> session.get("a"));
            assertThat(store.touches.get()).as("30 s after the save, under the 1-minute interval").isZero();
            clock.advance(Duration.ofSeconds(31));
            request(id, session -> session.get("a"));
            assertThat(store.touches.get()).isEqualTo(1);
            assertThat(memory.expiryOf(manager.storeKey(id))).contains(clock.instant().plus(Duration.ofHours(1)));
        }

        @Test
        void everyNthCommitSweepsExpiredRecordsWhenTheBackendCanSweep() throws InterruptedException {
            memory = new MemorySessionInterface(clock);
            manager = SessionManager.builder(SessionConfig.builder()
                    .put("SESSION_CLEANUP_N_REQUESTS", "3").put("PERMANENT_SESSION_LIFETIME", "1m").build()).clock(clock)
                    .backend("memory", memory).build();
            request(null, session -> session.put("old", 1));
            request(null, session -> session.put("old", 2));
            clock.advance(Duration.ofMinutes(2));
            assertThat(memory.keys("")).as("expired but not yet swept").hasSize(2);
            String live = request(null, session -> session.put("new", 3)).id();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (memory.keys("").size() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(memory.keys("")).as("after the third commit's sweep").containsExactly(manager.storeKey(live));
        }

        @Test
        void aModifyingRequestWhoseRefreshIsDueSavesOnceAndSendsNoTouch() {
            manager(Map.of("PERMANENT_SESSION_LIFETIME", "1h"));
            String id = request(null, session -> session.put("a", 1)).id();
            clock.advance(Duration.ofMinutes(5));
            int before = store.total();
            request(id, session -> session.put("a", 2));
            assertThat(store.total() - before).as("load + conditional save, the save sets the TTL").isEqualTo(2);
            assertThat(store.touches.get()).isZero();
            assertThat(memory.expiryOf(manager.storeKey(id))).contains(clock.instant().plus(Duration.ofHours(1)));
        }

        @Test
        void sessionIdOfAStoredSessionIsItsOwnEvenBeforeTheSessionIsUsed() {
            manager();
            String id = request(null, session -> session.put("a", 1)).id();
            SessionContext context = manager.begin(RequestHeaders.cookie("session=" + id));
            assertThat(context.sessionId()).isEqualTo(id);
        }

        @Test
        void noRefreshWhenRefreshEachRequestIsOff() {
            manager(Map.of("PERMANENT_SESSION_LIFETIME", "1h", "SESSION_REFRESH_EACH_REQUEST", "false"));
            String id = request(null, session -> session.put("a", 1)).id();
            clock.advance(Duration.ofMinutes(30));
            Response response = request(id, session -> session.get("a"));
            assertThat(store.touches.get()).isZero();
            assertThat(response.setCookie()).isEmpty();
        }
    }

    @Nested
    class Records {

        @Test
        void tamperedRecordIsNoSessionAndIsDeletedAndCounted() {
            manager(Map.of("SECRET_KEY", "k".repeat(32)));
            String id = request(null, session -> session.put("a", 1)).id();
            String key = manager.storeKey(id);
            byte[] bytes = memory.peek(key).orElseThrow();
            bytes[bytes.length / 2] ^= 1;
            memory.overwrite(key, bytes);
            request(id, session -> assertThat(session.isNew()).isTrue());
            assertThat(memory.peek(key)).isEmpty();
            assertThat(manager.stats().unreadableRecords()).isEqualTo(1);
        }

        @Test
        void recordSignedWithAFallbackKeyIsReSignedWithTheNewKey() {
            manager(Map.of("SECRET_KEY", "o".repeat(32)));
            String id = request(null, session -> session.put("a", 1)).id();
            byte[] oldRecord = memory.peek(manager.storeKey(id)).orElseThrow();
            MemorySessionInterface sharedStore = memory;
            manager = SessionManager.builder(SessionConfig.builder()
                    .put("SECRET_KEY", "n".repeat(32)).put("SECRET_KEY_FALLBACKS", "o".repeat(32)).build()).clock(clock)
                    .backend("memory", new CountingSessionInterface(sharedStore)).build();
            request(id, session -> assertThat(session.get("a")).isEqualTo(1));
            assertThat(sharedStore.peek(manager.storeKey(id)).orElseThrow()).isNotEqualTo(oldRecord);
        }

        @Test
        void unsupportedValueIsRefusedAtPutTime() {
            manager();
            SessionContext context = manager.begin(RequestHeaders.none());
            assertThatThrownBy(() -> context.session().put("thread", Thread.currentThread()))
                    .isInstanceOf(SessionEncodingException.class);
            assertThat(context.session()).isEmpty();
        }
    }

    @Nested
    class Concurrency {

        @Test
        void changesToDifferentKeysOfOneSessionAreAllKept() throws Exception {
            manager();
            String id = request(null, session -> session.put("start", true)).id();
            int threads = 20;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String key = "k" + i;
                futures.add(pool.submit(() -> {
                    go.await();
                    request(id, session -> session.put(key, key));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            request(id, session -> {
                for (int i = 0; i < threads; i++) {
                    assertThat(session.get("k" + i)).as("key k%d", i).isEqualTo("k" + i);
                }
            });
        }

        @Test
        void mergeLosesNoIncrement() throws Exception {
            manager();
            String id = request(null, session -> session.put("counter", 0)).id();
            int increments = 50;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < increments; i++) {
                futures.add(pool.submit(() -> request(id, session -> session.merge("counter", 1, (a, b) -> (Integer) a + (Integer) b))));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            request(id, session -> assertThat(session.get("counter")).isEqualTo(increments));
        }

        @Test
        void slowRequestCannotBringBackAnInvalidatedSession() {
            manager();
            String id = request(null, session -> session.put("a", 1)).id();
            SessionContext slow = manager.begin(RequestHeaders.cookie("session=" + id));
            slow.session().get("a");
            request(id, Session::invalidate);
            slow.session().put("b", 2);
            CommitResult result = slow.commit();
            assertThat(result.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
            assertThat(memory.keys("")).isEmpty();
        }

        @Test
        void twoConcurrentRegeneratesLeaveExactlyOneLiveId() {
            manager();
            String id = request(null, session -> session.put("a", 1)).id();
            SessionContext first = manager.begin(RequestHeaders.cookie("session=" + id));
            SessionContext second = manager.begin(RequestHeaders.cookie("session=" + id));
            first.session().regenerate();
            second.session().regenerate();
            CommitResult one = first.commit();
            CommitResult two = second.commit();
            assertThat(one.header("Set-Cookie").orElseThrow()).doesNotContain("Max-Age=0");
            assertThat(two.header("Set-Cookie").orElseThrow()).contains("Max-Age=0");
            List<String> live = memory.keys("").stream().filter(k -> memory.load(k).map(r -> r.data().length > 0).orElse(false)).toList();
            assertThat(live).hasSize(1);
        }
    }
}
