package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.CommitPlan.Kind;
import io.github.session4j.codec.DecodedRecord;
import io.github.session4j.codec.RecordExtensions;
import io.github.session4j.codec.RecordFormat;
import io.github.session4j.codec.SessionRecord;
import io.github.session4j.codec.ValueTypes;
import io.github.session4j.memory.MemorySessionInterface;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The commit rules of DESIGN.md §4 as {@link CommitPlanner} applies them, without a backend: for
 * each rule, the planned store steps and the response headers.
 */
class CommitPlannerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration LIFETIME = Duration.ofDays(31);
    private static final String LOADED_ID = "loaded-session-id";
    private static final String NEW_ID = "new-session-id";
    private static final Supplier<String> NEW = () -> NEW_ID;
    private static final Supplier<String> NO_NEW_ID = () -> {
        throw new AssertionError("this commit must not ask for a new ID");
    };

    /** A planner and its parts, as a manager with these settings would have them. */
    private static final class Rules {
        final CoreSettings settings;
        final RecordFormat format;
        final SessionIds ids;
        final Cookies cookies;
        final CommitPlanner planner;

        Rules(boolean refreshesInLoad, String... pairs) {
            SessionConfig.Builder builder = SessionConfig.builder();
            for (int i = 0; i < pairs.length; i += 2) {
                builder.put(pairs[i], pairs[i + 1]);
            }
            SessionConfig config = builder.build();
            settings = CoreSettings.validate(config, new GivenBackend("memory", new MemorySessionInterface(Clock.fixed(NOW, ZoneOffset.UTC))),
                    ProviderDiscovery.available(CommitPlannerTest.class.getClassLoader()));
            format = RecordFormat.create(config, ValueTypes.none());
            ids = new SessionIds(settings.idLength(), settings.keyPrefix());
            cookies = new Cookies(settings);
            planner = new CommitPlanner(settings, new ExpiryRules(settings, refreshesInLoad), format, ids, cookies);
        }

        String key(String id) {
            return ids.storeKey(id);
        }

        /** The load state of a session stored under {@link #LOADED_ID} with this content. */
        LoadState stored(Map<String, Object> content, Instant createdAt, boolean permanent, Instant storeExpiry) {
            String key = key(LOADED_ID);
            byte[] bytes = format.write(key, new SessionRecord(createdAt, permanent, content));
            DecodedRecord decoded = format.read(key, bytes);
            return LoadState.found(LOADED_ID, key, new FetchedRecord(RecordBytes.of(bytes), 7, storeExpiry), decoded, false);
        }

        LoadState stored(Map<String, Object> content) {
            return stored(content, NOW.minus(Duration.ofHours(1)), true, NOW.plus(LIFETIME));
        }

        /** The load state of a stored session with this content and these extension values. */
        LoadState stored(Map<String, Object> content, RecordExtensions extensions) {
            String key = key(LOADED_ID);
            byte[] bytes = format.write(key, new SessionRecord(NOW.minus(Duration.ofHours(1)), true, content, extensions));
            return LoadState.found(LOADED_ID, key, new FetchedRecord(RecordBytes.of(bytes), 7, NOW.plus(LIFETIME)),
                    format.read(key, bytes), false);
        }

        SessionRecord decode(String key, byte[] bytes) {
            return format.read(key, bytes).record();
        }

        List<ResponseHeader> sessionCookie(String id, Duration maxAge) {
            return List.of(new ResponseHeader("Vary", "Cookie"),
                    new ResponseHeader("Set-Cookie", cookies.sessionCookie(id, maxAge, NOW)),
                    new ResponseHeader("Cache-Control", "private, no-store"));
        }

        List<ResponseHeader> deletionCookie() {
            return List.of(new ResponseHeader("Vary", "Cookie"),
                    new ResponseHeader("Set-Cookie", cookies.deletionCookie()),
                    new ResponseHeader("Cache-Control", "private, no-store"));
        }
    }

    /** Without a cookie: Vary, and Cache-Control since SESSION_NO_STORE is on by default. */
    private static final List<ResponseHeader> VARY_ONLY = List.of(new ResponseHeader("Vary", "Cookie"),
            new ResponseHeader("Cache-Control", "private, no-store"));

    private final Rules rules = new Rules(false);

    private static CommitPlanner.Changes untouchedChanges(LoadState basis) {
        return new CommitPlanner.Changes(false, false, false, basis.permanent(), false, basis.attributes(), List.of());
    }

    private static CommitPlanner.Changes put(LoadState basis, String key, Object value) {
        Map<String, Object> attributes = new LinkedHashMap<>(basis.attributes());
        attributes.put(key, value);
        return new CommitPlanner.Changes(false, false, true, basis.permanent(), false, attributes,
                List.of(new SessionChange.Put(key, value)));
    }

    private static Map<String, Object> content(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void anUntouchedSessionPlansNothing() {
        CommitPlan plan = CommitPlanner.untouched();

        assertThat(plan.kind()).isEqualTo(Kind.UNTOUCHED);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.headers()).isEmpty();
    }

    @Test
    void aNewEmptySessionIsNotStoredAndGetsNoCookie() {
        LoadState fresh = LoadState.fresh(NOW, true);

        CommitPlan plan = rules.planner.plan(fresh, untouchedChanges(fresh), NO_NEW_ID, true, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.NEW_EMPTY);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.headers()).isEqualTo(VARY_ONLY);
    }

    @Test
    void aNewSessionWithDataIsCreatedUnderANewId() {
        LoadState fresh = LoadState.fresh(NOW, true);

        CommitPlan plan = rules.planner.plan(fresh, put(fresh, "user", "ada"), NEW, true, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.NEW);
        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(CommitPlan.Create.class, create -> {
            assertThat(create.key()).isEqualTo(rules.key(NEW_ID));
            assertThat(create.ttl()).isEqualTo(LIFETIME);
            SessionRecord saved = rules.decode(create.key(), create.record());
            assertThat(saved.attributes()).isEqualTo(Map.of("user", "ada"));
            assertThat(saved.createdAt()).isEqualTo(NOW);
            assertThat(saved.permanent()).isTrue();
        });
        assertThat(plan.headers()).isEqualTo(rules.sessionCookie(NEW_ID, LIFETIME));
    }

    @Test
    void aNewSessionThatIsNotPermanentGetsABrowserSessionCookie() {
        LoadState fresh = LoadState.fresh(NOW, false);

        CommitPlan plan = rules.planner.plan(fresh, put(fresh, "user", "ada"), NEW, true, NOW);

        assertThat(plan.headers()).isEqualTo(rules.sessionCookie(NEW_ID, null));
        assertThat(plan.headers().get(1).value()).doesNotContain("Max-Age");
    }

    @Test
    void theIdHeaderIsSentBesideTheCookieWhenConfigured() {
        Rules withHeader = new Rules(false, "SESSION_ID_HEADER", "X-Session-Id");
        LoadState fresh = LoadState.fresh(NOW, true);

        CommitPlan plan = withHeader.planner.plan(fresh, put(fresh, "user", "ada"), NEW, true, NOW);

        assertThat(plan.headers()).extracting(ResponseHeader::name)
                .containsExactly("Vary", "Set-Cookie", "X-Session-Id", "Cache-Control");
        assertThat(plan.headers().get(2).value()).isEqualTo(NEW_ID);
    }

    @Test
    void aReadSessionWhoseRefreshIsNotDueCostsNothingMore() {
        Rules noCookieRefresh = new Rules(false, "SESSION_PERMANENT", "false");
        LoadState basis = noCookieRefresh.stored(content("user", "ada"), NOW.minus(Duration.ofHours(1)), false,
                NOW.plus(LIFETIME).minusSeconds(5));

        CommitPlan plan = noCookieRefresh.planner.plan(basis, untouchedChanges(basis), NO_NEW_ID, true, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.READ);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.headers()).isEqualTo(VARY_ONLY);
    }

    @Test
    void aReadSessionWhoseRefreshIsDueIsTouchedAndAPermanentOneGetsItsCookieAgain() {
        LoadState basis = rules.stored(content("user", "ada"), NOW.minus(Duration.ofHours(1)), true,
                NOW.plus(LIFETIME).minus(ExpiryRefresh.MAX_INTERVAL));

        CommitPlan plan = rules.planner.plan(basis, untouchedChanges(basis), NO_NEW_ID, true, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.READ);
        assertThat(plan.steps()).containsExactly(new CommitPlan.Touch(rules.key(LOADED_ID), LIFETIME));
        assertThat(plan.headers()).isEqualTo(rules.sessionCookie(LOADED_ID, LIFETIME));
    }

    @Test
    void aReadSessionIsNotTouchedWhenTheLoadRefreshedItsExpiry() {
        Rules refreshingLoad = new Rules(true);
        LoadState basis = refreshingLoad.stored(content("user", "ada"), NOW.minus(Duration.ofHours(1)), true, null);

        CommitPlan plan = refreshingLoad.planner.plan(basis, untouchedChanges(basis), NO_NEW_ID, true, NOW);

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.headers()).isEqualTo(refreshingLoad.sessionCookie(LOADED_ID, LIFETIME));
    }

    @Test
    void aReadSessionIsNeverTouchedWithoutRefreshEachRequest() {
        Rules noRefresh = new Rules(false, "SESSION_REFRESH_EACH_REQUEST", "false");
        LoadState basis = noRefresh.stored(content("user", "ada"), NOW.minus(Duration.ofHours(1)), true, null);

        CommitPlan plan = noRefresh.planner.plan(basis, untouchedChanges(basis), NO_NEW_ID, true, NOW);

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.headers()).isEqualTo(VARY_ONLY);
    }

    @Test
    void aModifiedSessionIsReplacedConditionallyOnTheLoadedVersion() {
        LoadState basis = rules.stored(content("user", "ada"));

        CommitPlan plan = rules.planner.plan(basis, put(basis, "cart", 3L), NO_NEW_ID, false, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.MODIFIED);
        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(CommitPlan.Replace.class, replace -> {
            assertThat(replace.key()).isEqualTo(basis.key());
            assertThat(replace.version()).isEqualTo(7);
            assertThat(replace.ttl()).isEqualTo(LIFETIME);
            SessionRecord saved = rules.decode(replace.key(), replace.record());
            assertThat(saved.attributes()).isEqualTo(Map.of("user", "ada", "cart", 3L));
            assertThat(saved.createdAt()).isEqualTo(basis.createdAt());
        });
        assertThat(plan.headers()).isEqualTo(rules.sessionCookie(LOADED_ID, LIFETIME));
    }

    @Test
    void aSmallChangeToALargeRecordIsAppendedAsADeltaFrame() {
        Rules delta = new Rules(false, "SESSION_DELTA_WRITES", "true");
        LoadState basis = delta.stored(content("data", new byte[20_000], "counter", 0L));

        CommitPlan plan = delta.planner.plan(basis, put(basis, "counter", 1L), NO_NEW_ID, true, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.MODIFIED);
        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(CommitPlan.Append.class, append -> {
            assertThat(append.key()).isEqualTo(basis.key());
            assertThat(append.base()).isSameAs(basis.stored());
            assertThat(append.version()).isEqualTo(7);
            assertThat(append.frame().length).isLessThan(100);
            byte[] whole = basis.stored().plus(append.frame()).whole();
            assertThat(delta.decode(append.key(), whole).attributes()).containsEntry("counter", 1L);
        });
        assertThat(plan.headers()).isEqualTo(delta.sessionCookie(LOADED_ID, LIFETIME));
    }

    @Test
    void aSmallChangeIsSavedWholeWhenTheBackendCannotAppendOrThePermanenceChanged() {
        Rules delta = new Rules(false, "SESSION_DELTA_WRITES", "true");
        LoadState basis = delta.stored(content("data", new byte[20_000], "counter", 0L));
        CommitPlanner.Changes counter = put(basis, "counter", 1L);
        CommitPlanner.Changes notPermanent = new CommitPlanner.Changes(false, false, true, false, true,
                counter.attributes(), counter.changes());

        assertThat(delta.planner.plan(basis, counter, NO_NEW_ID, false, NOW).steps())
                .singleElement().isInstanceOf(CommitPlan.Replace.class);
        CommitPlan plan = delta.planner.plan(basis, notPermanent, NO_NEW_ID, true, NOW);
        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(CommitPlan.Replace.class, replace ->
                assertThat(delta.decode(replace.key(), replace.record()).permanent()).isFalse());
        assertThat(plan.headers()).isEqualTo(delta.sessionCookie(LOADED_ID, null));
    }

    @Test
    void aRecordThatNeedsRewritingIsReplacedEvenUnchanged() {
        LoadState loaded = rules.stored(content("user", "ada"));
        LoadState basis = new LoadState(loaded.id(), loaded.key(), loaded.version(), loaded.stored(), loaded.chain(), true,
                loaded.storeExpiry(), loaded.createdAt(), loaded.permanent(), loaded.extensions(), loaded.attributes(), false);

        CommitPlan plan = rules.planner.plan(basis, untouchedChanges(basis), NO_NEW_ID, true, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.MODIFIED);
        assertThat(plan.steps()).singleElement().isInstanceOf(CommitPlan.Replace.class);
    }

    @Test
    void anInvalidatedSessionIsDeletedAndItsCookieExpired() {
        LoadState basis = rules.stored(content("user", "ada"));
        CommitPlanner.Changes invalidated = new CommitPlanner.Changes(true, false, true, true, false, Map.of(), List.of());

        CommitPlan plan = rules.planner.plan(basis, invalidated, NO_NEW_ID, true, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.INVALIDATED);
        assertThat(plan.steps()).containsExactly(new CommitPlan.Delete(basis.key()));
        assertThat(plan.headers()).isEqualTo(rules.deletionCookie());
    }

    @Test
    void anInvalidatedNewSessionCostsNothing() {
        LoadState fresh = LoadState.fresh(NOW, true);
        CommitPlanner.Changes invalidated = new CommitPlanner.Changes(true, false, true, true, false, Map.of(), List.of());

        CommitPlan plan = rules.planner.plan(fresh, invalidated, NO_NEW_ID, true, NOW);

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.headers()).isEqualTo(VARY_ONLY);
    }

    @Test
    void anInvalidatedAndRefilledSessionIsDeletedThenCreatedUnderANewId() {
        LoadState basis = rules.stored(content("user", "ada"));
        CommitPlanner.Changes refilled = new CommitPlanner.Changes(true, false, true, true, false,
                Map.of("user", "bob"), List.of(new SessionChange.Put("user", "bob")));

        CommitPlan plan = rules.planner.plan(basis, refilled, NEW, true, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.INVALIDATED);
        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0)).isEqualTo(new CommitPlan.Delete(basis.key()));
        assertThat(plan.steps().get(1)).isInstanceOfSatisfying(CommitPlan.Create.class, create -> {
            assertThat(create.key()).isEqualTo(rules.key(NEW_ID));
            SessionRecord saved = rules.decode(create.key(), create.record());
            assertThat(saved.attributes()).isEqualTo(Map.of("user", "bob"));
            assertThat(saved.createdAt()).isEqualTo(NOW); // a new session, not the old one's time
        });
        assertThat(plan.headers()).isEqualTo(rules.sessionCookie(NEW_ID, LIFETIME));
    }

    @Test
    void aWholeRewriteAndARegenerationKeepTheRecordsExtensionValues() {
        RecordExtensions signedIn = RecordExtensions.of("ada", NOW.minus(Duration.ofMinutes(5)), Duration.ofMinutes(30));
        LoadState basis = rules.stored(content("user", "ada"), signedIn);
        CommitPlanner.Changes regenerated = new CommitPlanner.Changes(false, true, false, true, false,
                basis.attributes(), List.of());

        CommitPlan modified = rules.planner.plan(basis, put(basis, "cart", 3L), NO_NEW_ID, false, NOW);
        CommitPlan moved = rules.planner.plan(basis, regenerated, NEW, true, NOW);

        CommitPlan.Replace replace = (CommitPlan.Replace) modified.steps().get(0);
        assertThat(rules.decode(replace.key(), replace.record()).extensions()).isEqualTo(signedIn);
        CommitPlan.Create create = (CommitPlan.Create) moved.steps().get(0);
        assertThat(rules.decode(create.key(), create.record()).extensions()).isEqualTo(signedIn);
    }

    @Test
    void aRegeneratedSessionIsCreatedUnderTheNewIdBeforeItsOldKeyIsClaimed() {
        LoadState basis = rules.stored(content("user", "ada"));
        CommitPlanner.Changes regenerated = new CommitPlanner.Changes(false, true, false, true, false,
                basis.attributes(), List.of());

        CommitPlan plan = rules.planner.plan(basis, regenerated, NEW, true, NOW);

        assertThat(plan.kind()).isEqualTo(Kind.REGENERATED);
        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0)).isInstanceOfSatisfying(CommitPlan.Create.class, create -> {
            assertThat(create.key()).isEqualTo(rules.key(NEW_ID));
            assertThat(create.ttl()).isEqualTo(LIFETIME);
            SessionRecord saved = rules.decode(create.key(), create.record());
            assertThat(saved.attributes()).isEqualTo(Map.of("user", "ada"));
            assertThat(saved.createdAt()).isEqualTo(basis.createdAt());
        });
        assertThat(plan.steps().get(1))
                .isEqualTo(new CommitPlan.Tombstone(basis.key(), 7, CommitPlanner.TOMBSTONE_TTL));
        assertThat(plan.headers()).isEqualTo(rules.sessionCookie(NEW_ID, LIFETIME));
    }

    @Test
    void aSessionWhoseLifetimeRanOutDuringTheRequestIsDeleted() {
        Rules absolute = new Rules(false, "SESSION_ABSOLUTE_LIFETIME", "1h");
        LoadState basis = absolute.stored(content("user", "ada"), NOW.minus(Duration.ofHours(1)), true, null);
        CommitPlanner.Changes regenerated = new CommitPlanner.Changes(false, true, false, true, false,
                basis.attributes(), List.of());

        for (CommitPlanner.Changes changes : List.of(untouchedChanges(basis), put(basis, "cart", 1L), regenerated)) {
            CommitPlan plan = absolute.planner.plan(basis, changes, NO_NEW_ID, true, NOW);

            assertThat(plan.kind()).isEqualTo(Kind.EXPIRED);
            assertThat(plan.steps()).containsExactly(new CommitPlan.Delete(basis.key()));
            assertThat(plan.headers()).isEqualTo(absolute.deletionCookie());
        }
    }

    @Test
    void theAbsoluteLifetimeCapsTheTtlOfASave() {
        Rules absolute = new Rules(false, "SESSION_ABSOLUTE_LIFETIME", "2h");
        LoadState basis = absolute.stored(content("user", "ada"), NOW.minus(Duration.ofHours(1)), true, null);

        CommitPlan plan = absolute.planner.plan(basis, put(basis, "cart", 1L), NO_NEW_ID, false, NOW);

        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(CommitPlan.Replace.class, replace ->
                assertThat(replace.ttl()).isEqualTo(Duration.ofHours(1)));
        assertThat(plan.headers()).isEqualTo(absolute.sessionCookie(LOADED_ID, Duration.ofHours(1)));
    }

    @Test
    void afterALostRaceThePlanSavesTheReplayedContentOnTheFreshVersion() {
        LoadState loaded = rules.stored(content("user", "ada"));
        CommitPlanner.Changes mine = put(loaded, "cart", 3L);
        LoadState fresh = new LoadState(loaded.id(), loaded.key(), 8, loaded.stored(), loaded.chain(), false, null,
                loaded.createdAt(), loaded.permanent(), loaded.extensions(), Map.of("user", "ada", "theme", "dark"), false);

        CommitPlan plan = rules.planner.plan(fresh,
                mine.withAttributes(Map.of("user", "ada", "theme", "dark", "cart", 3L)), NO_NEW_ID, false, NOW);

        assertThat(plan.steps()).singleElement().isInstanceOfSatisfying(CommitPlan.Replace.class, replace -> {
            assertThat(replace.version()).isEqualTo(8);
            assertThat(rules.decode(replace.key(), replace.record()).attributes())
                    .isEqualTo(Map.of("user", "ada", "theme", "dark", "cart", 3L));
        });
    }

    @Test
    void aSessionGoneMeanwhileGetsItsCookieExpired() {
        CommitPlan plan = rules.planner.gone();

        assertThat(plan.kind()).isEqualTo(Kind.GONE);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.headers()).isEqualTo(rules.deletionCookie());
    }

    @Test
    void aValueThatCannotBeStoredFailsThePlanBeforeAnyStep() {
        Rules small = new Rules(false, "SESSION_MAX_SIZE", "1KiB");
        LoadState basis = small.stored(content("user", "ada"));
        CommitPlanner.Changes tooLarge = put(basis, "data", new byte[4096]);

        assertThatThrownBy(() -> small.planner.plan(basis, tooLarge, NO_NEW_ID, false, NOW))
                .isInstanceOf(SessionEncodingException.class);
    }
}
