package io.github.session4j;

import static io.github.session4j.SetCookies.id;
import static io.github.session4j.SetCookies.maxAge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.codec.RecordExtensions;
import io.github.session4j.codec.RecordFormat;
import io.github.session4j.codec.ValueTypes;
import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A session's own idle timeout ({@link Session#setIdleTimeout}): kept in the record, applied to the
 * store's TTL, the cookie's Max-Age, the expiry refresh and every later load; a record without one
 * keeps PERMANENT_SESSION_LIFETIME.
 */
class SessionIdleTimeoutTest {

    private static final Duration GLOBAL = Duration.ofHours(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private MemorySessionInterface memory;
    private CountingSessionInterface store;
    private SessionManager manager;

    private SessionManager manager(Map<String, String> settings, boolean refreshesInLoad) {
        memory = new MemorySessionInterface(clock);
        store = new CountingSessionInterface(memory);
        Map<String, String> all = new HashMap<>(Map.of("PERMANENT_SESSION_LIFETIME", "2h"));
        all.putAll(settings);
        manager = SessionManager.builder(SessionConfig.builder().putAll(all).build()).clock(clock)
                .backend("memory", refreshesInLoad ? new RefreshingInLoad(store, memory) : store).build();
        return manager;
    }

    private SessionManager manager() {
        return manager(Map.of(), false);
    }

    @AfterEach
    void closeManager() {
        if (manager != null) {
            manager.close();
        }
    }

    private CommitResult request(String id, Consumer<Session> code) {
        SessionContext context = manager.begin(id == null ? RequestHeaders.none() : RequestHeaders.cookie("session=" + id));
        code.accept(context.session());
        return context.commit();
    }

    private Duration storeTtl(String id) {
        Instant expiry = memory.expiryOf(manager.storeKey(id)).orElseThrow(() -> new AssertionError("no record for the session"));
        return Duration.between(clock.instant(), expiry);
    }

    private RecordExtensions storedExtensions(String id) {
        String key = manager.storeKey(id);
        RecordFormat format = RecordFormat.create(SessionConfig.builder().build(), ValueTypes.none());
        return format.read(key, memory.peek(key).orElseThrow()).record().extensions();
    }

    /** A new session holding a value and, when {@code timeout} is not null, its own idle timeout. */
    private String newSession(Duration timeout) {
        return id(request(null, session -> {
            session.put("user", "ada");
            if (timeout != null) {
                session.setIdleTimeout(timeout);
            }
        }));
    }

    @Nested
    class TheApi {

        @Test
        void aSessionWithoutItsOwnHasTheGlobalLifetime() {
            manager();
            request(null, session -> assertThat(session.idleTimeout()).isEqualTo(GLOBAL));
            String id = newSession(null);
            request(id, session -> assertThat(session.idleTimeout()).isEqualTo(GLOBAL));
            assertThat(storedExtensions(id)).isEqualTo(RecordExtensions.none());
        }

        @Test
        void settingOneMarksTheSessionModifiedAndTheSameOneDoesNot() {
            manager();
            String id = newSession(Duration.ofMinutes(5));
            request(id, session -> {
                assertThat(session.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
                session.setIdleTimeout(Duration.ofMinutes(5));
                assertThat(session.isModified()).as("the same timeout again").isFalse();
                session.setIdleTimeout(Duration.ofMinutes(6));
                assertThat(session.isModified()).as("another timeout").isTrue();
                session.setIdleTimeout(Duration.ofMinutes(5));
                assertThat(session.isModified()).as("back to the stored one").isFalse();
            });
        }

        @Test
        void zeroNegativeAndOverTheMaximumAreRefusedAndChangeNothing() {
            manager();
            String id = newSession(Duration.ofMinutes(5));
            request(id, session -> {
                for (Duration refused : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
                    assertThatThrownBy(() -> session.setIdleTimeout(refused)).isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("a session's idle timeout must be longer than zero, but it was " + refused
                                    + "; there is no \"never\": pass Session.MAX_IDLE_TIMEOUT for the longest, or null for"
                                    + " PERMANENT_SESSION_LIFETIME");
                }
                assertThatThrownBy(() -> session.setIdleTimeout(Session.MAX_IDLE_TIMEOUT.plusSeconds(1)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("a session's idle timeout must be at most Session.MAX_IDLE_TIMEOUT (36500 days)");
                assertThat(session.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
                assertThat(session.isModified()).isFalse();
            });
        }

        @Test
        void theLongestIsAccepted() {
            manager();
            String id = newSession(Session.MAX_IDLE_TIMEOUT);
            assertThat(storeTtl(id)).isEqualTo(Session.MAX_IDLE_TIMEOUT);
            request(id, session -> assertThat(session.idleTimeout()).isEqualTo(Session.MAX_IDLE_TIMEOUT));
        }
    }

    @Nested
    class StoredAndApplied {

        @Test
        void theStoreTtlAndTheCookieFollowTheSessionsOwnTimeout() {
            manager();
            CommitResult created = request(null, session -> {
                session.put("user", "ada");
                session.setIdleTimeout(Duration.ofMinutes(5));
            });
            String id = id(created);
            assertThat(maxAge(created)).isEqualTo(300);
            assertThat(storeTtl(id)).isEqualTo(Duration.ofMinutes(5));
            assertThat(storedExtensions(id).idleTimeout()).contains(Duration.ofMinutes(5));

            clock.advance(Duration.ofMinutes(4));
            CommitResult modified = request(id, session -> session.put("visits", 1));
            assertThat(maxAge(modified)).isEqualTo(300);
            assertThat(storeTtl(id)).isEqualTo(Duration.ofMinutes(5));
            assertThat(storedExtensions(id).idleTimeout()).as("kept over a rewrite").contains(Duration.ofMinutes(5));
        }

        @Test
        void anIdleSessionEndsAfterItsOwnTimeoutNotTheGlobalOne() {
            manager();
            String id = newSession(Duration.ofMinutes(5));
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            request(id, session -> assertThat(session.isNew()).as("5 minutes and 1 second after its last use").isTrue());
        }

        @Test
        void aLongerOwnTimeoutOutlivesTheGlobalOne() {
            manager();
            String id = newSession(Duration.ofDays(30));
            clock.advance(GLOBAL.plusMinutes(1));
            request(id, session -> {
                assertThat(session.isNew()).as("past the global lifetime").isFalse();
                assertThat(session.get("user")).isEqualTo("ada");
            });
        }

        @Test
        void aReadSessionIsRefreshedToItsOwnTimeoutThrottledByIt() {
            manager();
            String id = newSession(Duration.ofMinutes(5));
            clock.advance(Duration.ofSeconds(20)); // less than a tenth of 5 minutes: not due
            CommitResult read = request(id, session -> session.get("user"));
            assertThat(store.touches.get()).as("touches within the refresh interval").isZero();
            assertThat(maxAge(read)).isEqualTo(300);
            clock.advance(Duration.ofSeconds(20));
            request(id, session -> session.get("user"));
            assertThat(store.touches.get()).as("touches once 40 s passed (interval 30 s)").isEqualTo(1);
            assertThat(storeTtl(id)).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void theAbsoluteLifetimeStillCapsIt() {
            manager(Map.of("SESSION_ABSOLUTE_LIFETIME", "1h"), false);
            CommitResult created = request(null, session -> {
                session.put("user", "ada");
                session.setIdleTimeout(Duration.ofDays(10));
            });
            String id = id(created);
            assertThat(storeTtl(id)).isEqualTo(Duration.ofHours(1));
            assertThat(maxAge(created)).isEqualTo(3600);
            clock.advance(Duration.ofHours(1).plusSeconds(1));
            request(id, session -> assertThat(session.isNew()).isTrue());
        }

        @Test
        void resettingToNullGoesBackToTheGlobalLifetime() {
            manager();
            String id = newSession(Duration.ofMinutes(5));
            CommitResult reset = request(id, session -> {
                session.setIdleTimeout(null);
                assertThat(session.idleTimeout()).isEqualTo(GLOBAL);
                assertThat(session.isModified()).isTrue();
            });
            assertThat(maxAge(reset)).isEqualTo(GLOBAL.toSeconds());
            assertThat(storeTtl(id)).isEqualTo(GLOBAL);
            assertThat(storedExtensions(id)).isEqualTo(RecordExtensions.none());
        }

        @Test
        void settingItAloneOnAStoredSessionSavesIt() {
            manager();
            String id = newSession(null);
            int replaces = store.replaces.get();
            request(id, session -> session.setIdleTimeout(Duration.ofMinutes(7)));
            assertThat(store.replaces.get() - replaces).isEqualTo(1);
            assertThat(storeTtl(id)).isEqualTo(Duration.ofMinutes(7));
            assertThat(storedExtensions(id).idleTimeout()).contains(Duration.ofMinutes(7));
        }

        @Test
        void aNewSessionThatStaysEmptyIsNotStoredForIt() {
            manager();
            CommitResult result = request(null, session -> session.setIdleTimeout(Duration.ofMinutes(5)));
            assertThat(result.header("Set-Cookie")).isEmpty();
            assertThat(store.total()).isZero();
        }

        @Test
        void regenerateKeepsIt() {
            manager();
            String id = newSession(Duration.ofMinutes(5));
            String regenerated = id(request(id, Session::regenerate));
            assertThat(storeTtl(regenerated)).isEqualTo(Duration.ofMinutes(5));
            request(regenerated, session -> assertThat(session.idleTimeout()).isEqualTo(Duration.ofMinutes(5)));
        }

        @Test
        void invalidateResetsItAndASessionStartedAfreshMaySetItAgain() {
            manager();
            String id = newSession(Duration.ofMinutes(5));
            String afresh = id(request(id, session -> {
                session.invalidate();
                assertThat(session.idleTimeout()).isEqualTo(GLOBAL);
                session.put("user", "grace");
            }));
            assertThat(storeTtl(afresh)).isEqualTo(GLOBAL);
            String again = id(request(afresh, session -> {
                session.invalidate();
                session.put("user", "ada");
                session.setIdleTimeout(Duration.ofMinutes(9));
            }));
            assertThat(storeTtl(again)).isEqualTo(Duration.ofMinutes(9));
        }

        @Test
        void aSaveThatLostARaceKeepsThisRequestsTimeoutAndTheOtherRequestsValues() {
            manager();
            String id = newSession(null);
            SessionContext slow = manager.begin(RequestHeaders.cookie("session=" + id));
            slow.session().setIdleTimeout(Duration.ofMinutes(5));
            request(id, session -> session.put("cart", "book"));
            slow.commit();
            assertThat(storeTtl(id)).isEqualTo(Duration.ofMinutes(5));
            request(id, session -> {
                assertThat(session.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
                assertThat(session.get("cart")).isEqualTo("book");
            });
        }

        @Test
        void aSaveThatLostARaceKeepsTheOtherRequestsTimeoutWhenThisOneLeftItAlone() {
            manager();
            String id = newSession(null);
            SessionContext slow = manager.begin(RequestHeaders.cookie("session=" + id));
            slow.session().put("cart", "book");
            request(id, session -> session.setIdleTimeout(Duration.ofMinutes(5)));
            slow.commit();
            assertThat(storedExtensions(id).idleTimeout()).contains(Duration.ofMinutes(5));
            assertThat(storeTtl(id)).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void withDeltaWritesAChangeOfTheTimeoutRewritesTheRecord() {
            manager(Map.of("SESSION_DELTA_WRITES", "true"), false);
            String id = id(request(null, session -> session.put("data", "x".repeat(10_000))));
            request(id, session -> session.put("small", 1));
            assertThat(store.appends.get()).as("a small change is appended").isEqualTo(1);
            request(id, session -> {
                session.put("small", 2);
                session.setIdleTimeout(Duration.ofMinutes(5));
            });
            assertThat(store.appends.get()).as("appends after the timeout changed").isEqualTo(1);
            assertThat(storedExtensions(id).idleTimeout()).contains(Duration.ofMinutes(5));
            request(id, session -> assertThat(session.get("small")).isEqualTo(2));
        }
    }

    /** A backend that refreshes the expiry in the load sets the global lifetime there; the commit corrects it. */
    @Nested
    class RefreshInLoad {

        @Test
        void aSessionWithoutItsOwnReadsInOneRoundTrip() {
            manager(Map.of(), true);
            String id = newSession(null);
            int before = store.total();
            request(id, session -> session.get("user"));
            assertThat(store.total() - before).isEqualTo(1);
        }

        @Test
        void aSessionWithItsOwnIsSetBackToItByOneTouch() {
            manager(Map.of(), true);
            String id = newSession(Duration.ofMinutes(5));
            clock.advance(Duration.ofMinutes(1));
            int touches = store.touches.get();
            request(id, session -> session.get("user"));
            assertThat(store.touches.get() - touches).as("the correction after the load set the global lifetime").isEqualTo(1);
            assertThat(storeTtl(id)).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void aSessionWithALongerOwnIsSetBackToItToo() {
            manager(Map.of(), true);
            String id = newSession(Duration.ofDays(3));
            request(id, session -> session.get("user"));
            assertThat(storeTtl(id)).isEqualTo(Duration.ofDays(3));
        }
    }

    /**
     * The counted store, reporting that it refreshes in the load: its loadAndTouch is one counted
     * load, and the touch in it goes to the memory store uncounted (one round trip, as on Redis).
     */
    private static final class RefreshingInLoad implements SessionInterface {
        private final CountingSessionInterface counted;
        private final MemorySessionInterface memory;

        RefreshingInLoad(CountingSessionInterface counted, MemorySessionInterface memory) {
            this.counted = counted;
            this.memory = memory;
        }

        @Override
        public Optional<StoredRecord> load(String key) {
            return counted.load(key);
        }

        @Override
        public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
            Optional<StoredRecord> found = counted.load(key);
            found.ifPresent(record -> memory.touch(key, ttl));
            return found.map(record -> new StoredRecord(record.data(), record.version(), null));
        }

        @Override
        public boolean refreshesInLoad() {
            return true;
        }

        @Override
        public WriteResult write(RecordWrite write) {
            return counted.write(write);
        }

        @Override
        public void delete(String key) {
            counted.delete(key);
        }

        @Override
        public void touch(String key, Duration ttl) {
            counted.touch(key, ttl);
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return counted.capability(type);
        }

        @Override
        public void close() {
            counted.close();
        }
    }
}
