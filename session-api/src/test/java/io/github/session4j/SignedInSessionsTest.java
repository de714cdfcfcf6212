package io.github.session4j;

import static io.github.session4j.SetCookies.id;
import static io.github.session4j.SetCookies.maxAge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Signed-in sessions on the memory backend (DESIGN.md §9): what a sign-in writes, the lifetimes,
 * the principal keys and handles, bad input, and a user with 10,000 sessions. The contract kit's
 * group checks the same behaviour on every backend; this class checks what only the core decides.
 */
class SignedInSessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private MemorySessionInterface memory;
    private CountingSessionInterface store;
    private SessionManager manager;

    private SessionManager manager(Map<String, String> settings) {
        memory = new MemorySessionInterface(clock);
        store = new CountingSessionInterface(memory);
        Map<String, String> all = new HashMap<>(Map.of("PERMANENT_SESSION_LIFETIME", "2h"));
        all.putAll(settings);
        manager = SessionManager.builder(SessionConfig.builder().putAll(all).build()).clock(clock).backend("memory", store).build();
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

    private SessionContext begin(String id) {
        return manager.begin(id == null ? RequestHeaders.none() : RequestHeaders.cookie("session=" + id));
    }

    private CommitResult request(String id, Consumer<SessionContext> code) {
        SessionContext context = begin(id);
        code.accept(context);
        return context.commit();
    }

    private String signedIn(String principal, Map<String, Object> values) {
        return id(request(null, c -> {
            c.signIn(principal);
            c.session().putAll(values);
        }));
    }

    @Nested
    class Writes {

        @Test
        void aSignInCreatesTheNewKeyWithAddAndTombstonesTheOldOneWithRemove() {
            manager();
            String first = signedIn("ada", Map.of("k", "v"));
            String pk = manager.principalKey("ada");
            assertThat(store.writes).hasSize(1);
            assertThat(store.writes.get(0).index()).isEqualTo(IndexChange.add(pk));
            store.writes.clear();

            String second = id(request(first, c -> c.signIn("ada")));

            assertThat(store.writes).hasSize(2);
            assertThat(store.writes.get(0)).isInstanceOf(RecordWrite.Create.class);
            assertThat(store.writes.get(0).key()).isEqualTo(manager.storeKey(second));
            assertThat(store.writes.get(0).index()).as("the create of a re-sign-in: its add may wait for the hand-over")
                    .isEqualTo(IndexChange.add(pk).deferrable());
            assertThat(store.writes.get(1).key()).isEqualTo(manager.storeKey(first));
            assertThat(store.writes.get(1).index()).as("the tombstone hands the old key's place over to the new key")
                    .isEqualTo(IndexChange.remove(pk).handingOverTo(manager.storeKey(second)));
            assertThat(memory.indexEntries()).containsExactly(Map.entry(pk, List.of(manager.storeKey(second))));
        }

        @Test
        void onlyARegenerateUnderTheSamePrincipalDefersItsAdd() {
            manager();
            String anonymous = id(request(null, c -> c.session().put("cart", "book")));
            store.writes.clear();
            String ada = id(request(anonymous, c -> c.signIn("ada")));
            assertThat(store.writes).extracting(RecordWrite::index).as("a sign-in in a stored anonymous session: no tombstone hands over")
                    .containsExactly(IndexChange.add(manager.principalKey("ada")), IndexChange.none());
            store.writes.clear();

            String bob = id(request(ada, c -> c.signIn("bob")));

            assertThat(store.writes).extracting(RecordWrite::index).as("a sign-in as another principal: two entries, nothing deferred")
                    .containsExactly(IndexChange.add(manager.principalKey("bob")), IndexChange.remove(manager.principalKey("ada")));
            assertThat(memory.indexEntries()).containsExactly(Map.entry(manager.principalKey("bob"), List.of(manager.storeKey(bob))));
        }

        @Test
        void anOrdinarySaveOfASignedInSessionCarriesNoIndexChange() {
            manager();
            String id = signedIn("ada", Map.of());
            store.writes.clear();
            request(id, c -> c.session().put("visits", 1));
            assertThat(store.writes).singleElement().satisfies(w -> assertThat(w.index()).isEqualTo(IndexChange.none()));
        }

        @Test
        void withoutTheIndexEveryWriteCarriesNone() {
            manager(Map.of("SESSION_PRINCIPAL_INDEX", "false"));
            String id = signedIn("ada", Map.of());
            request(id, c -> c.signIn("bob"));
            request(id, c -> c.signOut());
            assertThat(store.writes).isNotEmpty().allSatisfy(w -> assertThat(w.index()).isEqualTo(IndexChange.none()));
            assertThat(memory.indexEntries()).isEmpty();
            assertThat(manager.indexesPrincipals()).isFalse();
        }

        @Test
        void principalKeysAreDomainSeparatedHashesKeyedBySecretKey() {
            manager();
            String plain = manager.principalKey("ada");
            assertThat(plain).hasSize(43).matches("[A-Za-z0-9_-]{43}").doesNotContain("ada");
            assertThat(manager.storeKey("ada")).doesNotEndWith(plain);
            manager.close();
            manager(Map.of("SECRET_KEY", "k".repeat(32)));
            assertThat(manager.principalKey("ada")).hasSize(43).isNotEqualTo(plain);
        }

        @Test
        void aNewSessionThatOnlySignsInIsStored() {
            manager();
            String id = signedIn("ada", Map.of());
            assertThat(begin(id).principal()).contains("ada");
        }
    }

    @Nested
    class Lifetimes {

        @Test
        void theAbsoluteLifetimeCountsFromTheSignIn() {
            manager(Map.of("SESSION_ABSOLUTE_LIFETIME", "10s", "PERMANENT_SESSION_LIFETIME", "1h"));
            String anonymous = id(request(null, c -> c.session().put("cart", "book")));
            clock.advance(Duration.ofSeconds(8));
            CommitResult signIn = request(anonymous, c -> c.signIn("ada"));
            String id = id(signIn);
            assertThat(maxAge(signIn)).as("Max-Age of the sign-in's cookie").isEqualTo(10);
            clock.advance(Duration.ofSeconds(5));
            SessionContext later = begin(id);
            assertThat(later.session()).containsEntry("cart", "book");
            assertThat(later.session().isNew()).isFalse();
            later.commit();
            clock.advance(Duration.ofSeconds(6));
            assertThat(begin(id).session().isNew()).as("11 s after the sign-in under a 10 s cap").isTrue();
        }

        @Test
        void nearTheAbsoluteExpiryTheCookieKeepsAMaxAgeOfAtLeastOneSecond() {
            manager(Map.of("SESSION_ABSOLUTE_LIFETIME", "10s"));
            String id = id(request(null, c -> c.session().put("k", "v")));
            clock.advance(Duration.ofMillis(9_400));

            CommitResult read = request(id, c -> c.session().get("k"));

            assertThat(begin(id).session()).as("the session 9.4 s into a 10 s cap").containsEntry("k", "v");
            assertThat(maxAge(read)).as("Max-Age with 0.6 s left (0 would delete the cookie of a live session)").isEqualTo(1);
        }

        @Test
        void requiresReauthenticationOnceTheSignInIsOlderThanTheSetting() {
            manager(Map.of("SESSION_REAUTHENTICATE_AFTER", "15m"));
            String id = signedIn("ada", Map.of());
            clock.advance(Duration.ofMinutes(15));
            assertThat(begin(id).requiresReauthentication()).isFalse();
            clock.advance(Duration.ofSeconds(1));
            assertThat(begin(id).requiresReauthentication()).isTrue();
            assertThat(begin(null).requiresReauthentication()).as("an anonymous session").isFalse();
            manager.close();
            manager();
            String unset = signedIn("ada", Map.of());
            clock.advance(Duration.ofDays(1));
            assertThat(begin(unset).requiresReauthentication()).as("with the setting unset").isFalse();
        }
    }

    @Nested
    class Handles {

        @Test
        void aHandleFailsTheIdFormatAndNamesNoIdNorStoreKey() {
            manager();
            String id = signedIn("ada", Map.of());
            String handle = begin(id).handle().orElseThrow();
            assertThat(handle).startsWith("h.").isNotEqualTo(id).doesNotContain(id).doesNotContain(manager.storeKey(id).substring(8));
            long before = manager.stats().loads();
            assertThat(begin(handle).session().isNew()).isTrue();
            assertThat(manager.stats().loads()).as("loads for a handle presented as a cookie").isEqualTo(before);
            assertThat(manager.sessionsOf("ada").sessions()).extracting(SessionInfo::handle).containsExactly(handle);
            assertThat(begin(null).handle()).as("the handle of a new session").isEmpty();
        }

        @Test
        void aCursorOfAnotherPrincipalIsRefused() {
            manager();
            for (int i = 0; i < 3; i++) {
                signedIn("ada", Map.of());
                signedIn("bob", Map.of());
            }
            String cursor = manager.sessionsOf("ada", null, 1).next().orElseThrow();
            assertThat(manager.sessionsOf("ada", cursor, 1).sessions()).hasSize(1);
            assertThatThrownBy(() -> manager.sessionsOf("bob", cursor, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the cursor is not one that a listing of this principal's sessions returned; pass SessionPage.next() as it was");
            assertThatThrownBy(() -> manager.sessionsOf("ada", "garbage", 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> manager.sessionsOf("ada", null, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the page limit was 0 but it must be 1 to 1000");
        }

        @Test
        void lastSeenAndExpiresAtFollowTheRefresh() {
            manager(Map.of("SESSION_ABSOLUTE_LIFETIME", "1d"));
            String id = signedIn("ada", Map.of());
            clock.advance(Duration.ofMinutes(30));
            request(id, c -> c.session().put("k", "v"));
            SessionInfo info = manager.sessionsOf("ada").sessions().get(0);
            assertThat(info.lastSeen()).isEqualTo(clock.instant());
            assertThat(info.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
            assertThat(info.createdAt()).isEqualTo(info.signedInAt().orElseThrow());
        }
    }

    @Nested
    class BadInput {

        @Test
        void badPrincipalsAreRefusedWithMessagesThatDoNotNameThem() {
            manager();
            Map<String, String> expected = Map.of(
                    "", "the principal must not be empty: sign in with the user's name",
                    "ada\nadmin", "the principal holds a control character (U+000A) at index 3; a user name must not",
                    "tab\there", "the principal holds a control character (U+0009) at index 3; a user name must not",
                    "x".repeat(10 * 1024), "the principal is 10240 bytes in UTF-8, over the 1024 that a record keeps",
                    "lone\ud800", "the principal holds an unpaired surrogate, which UTF-8 cannot keep");
            expected.forEach((principal, message) -> {
                SessionContext context = begin(null);
                assertThatThrownBy(() -> context.signIn(principal)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
                assertThatThrownBy(() -> manager.sessionsOf(principal)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
                assertThat(context.commit().header("Set-Cookie")).isEmpty();
            });
            assertThatThrownBy(() -> begin(null).signIn(null)).isInstanceOf(NullPointerException.class);
            assertThat(store.writes).isEmpty();
        }

        @Test
        void aPrincipalOfExactly1024BytesSignsIn() {
            manager();
            String principal = "é".repeat(512);
            String id = signedIn(principal, Map.of());
            assertThat(begin(id).principal()).contains(principal);
        }

        @Test
        void labelsAreCheckedAndKept() {
            manager();
            String id = signedIn("ada", Map.of());
            request(id, c -> c.setLabel("Firefox on Linux"));
            assertThat(begin(id).label()).contains("Firefox on Linux");
            assertThatThrownBy(() -> begin(id).setLabel("x".repeat(201))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the label is 201 characters, over the 200 that a record keeps");
            request(id, c -> c.setLabel(null));
            assertThat(begin(id).label()).isEmpty();
        }

        @Test
        void principalIndexTrueNeedsTheCapabilityAndFalseNeverDoes() {
            memory = new MemorySessionInterface(clock);
            assertThatThrownBy(() -> SessionManager.builder(SessionConfig.builder().put("SESSION_PRINCIPAL_INDEX", "true").build())
                    .backend("plain", CountingSessionInterface.withoutCapabilities(memory)).build())
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessageContaining("SESSION_PRINCIPAL_INDEX was 'true' but the plain backend in use cannot keep an index of"
                            + " sessions by user: it has no PrincipalIndex. Backends on the classpath that have it: memory;"
                            + " set SESSION_TYPE to one of them, or unset SESSION_PRINCIPAL_INDEX.");
            manager = SessionManager.builder(SessionConfig.builder().put("SESSION_PRINCIPAL_INDEX", "false").build())
                    .backend("plain", CountingSessionInterface.withoutCapabilities(memory)).build();
            assertThat(manager.indexesPrincipals()).isFalse();
            manager.close();
            manager(Map.of("SESSION_PRINCIPAL_INDEX", "true"));
            assertThat(manager.indexesPrincipals()).isTrue();
            assertThatThrownBy(() -> manager(Map.of("SESSION_PRINCIPAL_INDEX", "maybe"))).isInstanceOf(SessionConfigException.class)
                    .hasMessageContaining("SESSION_PRINCIPAL_INDEX was 'maybe'");
        }

        @Test
        void withoutTheIndexTheOperationsSayWhichBackendsHaveIt() {
            manager(Map.of("SESSION_PRINCIPAL_INDEX", "false"));
            assertThatThrownBy(() -> manager.sessionsOf("ada")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("sessionsOf needs the principal index, but this manager keeps none: SESSION_PRINCIPAL_INDEX is false."
                            + " Unset SESSION_PRINCIPAL_INDEX to index sessions on this backend.");
            assertThatThrownBy(() -> manager.endSessions("ada")).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("endSessions needs the principal index");
            manager.close();
            memory = new MemorySessionInterface(clock);
            manager = SessionManager.builder(SessionConfig.builder().build()).clock(clock)
                    .backend("plain", CountingSessionInterface.withoutCapabilities(memory)).build();
            assertThatThrownBy(() -> manager.endSession("ada", "h.x")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("endSession needs the principal index, but this manager keeps none: the plain backend keeps no index"
                            + " of sessions by user (it has no PrincipalIndex). Backends on the classpath that keep it: memory;"
                            + " set SESSION_TYPE to one of them.");
        }
    }

    @Nested
    class TenThousandSessions {

        @Test
        void listingIsPagedAndBoundedAndEndingAllEndsEveryOne() {
            manager();
            PrincipalIndex index = memory.capability(PrincipalIndex.class).orElseThrow();
            String pk = manager.principalKey("ada");
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                ids.add(signedIn("ada", Map.of()));
            }
            assertThat(index.indexedKeys(pk, null, 1000)).hasSize(1000);

            SessionPage first = manager.sessionsOf("ada");
            assertThat(first.sessions()).hasSize(100);
            int listed = 0;
            String cursor = null;
            Set<String> handles = new HashSet<>();
            do {
                SessionPage page = manager.sessionsOf("ada", cursor, 1000);
                assertThat(page.sessions()).hasSizeLessThanOrEqualTo(1000);
                page.sessions().forEach(info -> handles.add(info.handle()));
                listed += page.sessions().size();
                cursor = page.next().orElse(null);
            } while (cursor != null);
            assertThat(listed).isEqualTo(10_000);
            assertThat(handles).hasSize(10_000);

            String survivor = signedIn("bob", Map.of());
            assertThat(manager.endSessions("ada")).isEqualTo(10_000);
            assertThat(index.indexedKeys(pk, null, 10)).isEmpty();
            assertThat(memory.keys("session:")).containsExactly(manager.storeKey(survivor));
            ids.stream().limit(20).forEach(id -> assertThat(begin(id).session().isNew()).isTrue());
        }
    }
}
