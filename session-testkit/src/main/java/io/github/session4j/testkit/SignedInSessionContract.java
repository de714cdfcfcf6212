package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionInfo;
import io.github.session4j.SessionManager;
import io.github.session4j.SessionPage;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Signed-in sessions through a {@code SessionManager} (DESIGN.md §9): sign-in, listing, ending one,
 * all or all others, with the round trips counted by the kit's counter. Run for backends whose
 * manager keeps the principal index (reported as skipped for the others), except the tests that
 * say what a manager without one does.
 */
abstract class SignedInSessionContract extends LifecycleGroup {

    SignedInSessionContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    /** A principal of this test only, with a character outside ASCII. */
    static String newPrincipal() {
        return "ada-" + UUID.randomUUID() + "@exämple.org";
    }

    private SessionManager indexing() {
        SessionManager manager = manager();
        assumeTrue(manager.indexesPrincipals(), () -> fixture().provider().name() + " keeps no principal index");
        return manager;
    }

    private long roundTrips(Runnable request) {
        RoundTripCounter counter = fixture().roundTripCounter();
        long before = counter.count();
        request.run();
        return counter.count() - before;
    }

    /** Signs {@code principal} in to the session {@code id} (or a new one when null), with values; returns the new ID. */
    static String signIn(SessionManager manager, String id, String principal, Map<String, ?> values) {
        SessionContext context = id == null ? manager.begin(RequestHeaders.none()) : request(manager, id);
        context.signIn(principal);
        context.session().putAll(values);
        return cookieId(context.commit(), "the commit of a sign-in");
    }

    private static List<SessionInfo> listAll(SessionManager manager, String principal) {
        List<SessionInfo> all = new ArrayList<>();
        String cursor = null;
        do {
            SessionPage page = manager.sessionsOf(principal, cursor, 7);
            all.addAll(page.sessions());
            cursor = page.next().orElse(null);
        } while (cursor != null);
        return all;
    }

    @Test
    void signingInRegeneratesTheIdAndRecordsThePrincipal() {
        SessionManager manager = manager();
        String anonymous = newSession(manager, Map.of("cart", "book"));
        String principal = newPrincipal();

        String signedIn = signIn(manager, anonymous, principal, Map.of());

        assertThat(signedIn).as("the ID after sign-in").isNotEqualTo(anonymous);
        assertNoLiveSession(manager, anonymous, "that was signed in, by its old ID");
        SessionContext next = request(manager, signedIn);
        assertThat(next.principal()).as("principal() on the next request").contains(principal);
        assertThat(next.signedInAt()).as("signedInAt() on the next request").contains(clock().instant());
        assertThat(next.session()).as("an anonymous session's data is kept at sign-in").containsEntry("cart", "book");
        next.commit();
    }

    @Test
    void signingInAsAnotherPrincipalStartsWithAnEmptySession() {
        SessionManager manager = manager();
        String first = signIn(manager, null, newPrincipal(), Map.of("secret", "of the first user"));
        String other = newPrincipal();

        String second = signIn(manager, first, other, Map.of("theme", "dark"));

        SessionContext next = request(manager, second);
        assertThat(next.principal()).contains(other);
        assertThat(next.session()).as("the session after signing in as another principal")
                .containsExactly(Map.entry("theme", "dark"));
        next.commit();
    }

    @Test
    void everySignedInSessionIsListedWithAHandleThatIsNoIdNorStoreKeyNorCookie() {
        SessionManager manager = indexing();
        String principal = newPrincipal();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(signIn(manager, null, principal, Map.of("n", i)));
        }
        signIn(manager, null, newPrincipal(), Map.of());
        SessionContext labelled = request(manager, ids.get(0));
        labelled.setLabel("Firefox on Linux");
        labelled.commit();

        List<SessionInfo> listed = listAll(manager, principal);

        assertThat(listed).as("sessionsOf after 3 sign-ins of the principal").hasSize(3);
        assertThat(listed).extracting(SessionInfo::label).contains(Optional.of("Firefox on Linux"));
        for (SessionInfo info : listed) {
            assertThat(ids).as("handles are not IDs").doesNotContain(info.handle());
            assertThat(ids.stream().map(manager::storeKey).toList()).as("handles are not store keys").doesNotContain(info.handle());
            assertThat(info.signedInAt()).as("signedInAt of a listed session").isPresent();
            assertThat(info.expiresAt()).as("expiresAt of a listed session").isAfter(clock().instant());
            assertThat(info.lastSeen()).as("lastSeen of a listed session").isBeforeOrEqualTo(clock().instant());
            long before = fixture().roundTripCounter().count();
            assertNoLiveSession(manager, info.handle(), "named by its handle as a cookie");
            assertThat(fixture().roundTripCounter().count() - before).as("round trips of a request presenting a handle as its cookie")
                    .isZero();
        }
        SessionContext own = request(manager, ids.get(1));
        assertThat(listed).extracting(SessionInfo::handle).contains(own.handle().orElseThrow());
        own.commit();
    }

    @Test
    void endingOneSessionIsImmediateAndAHandleOfAnotherPrincipalIsRefused() {
        SessionManager manager = indexing();
        String principal = newPrincipal();
        String stranger = newPrincipal();
        String ended = signIn(manager, null, principal, Map.of("k", "v"));
        String kept = signIn(manager, null, principal, Map.of("k", "v"));
        String strangers = signIn(manager, null, stranger, Map.of("k", "v"));
        SessionContext endedContext = request(manager, ended);
        String handle = endedContext.handle().orElseThrow();
        endedContext.commit();
        String strangersHandle = listAll(manager, stranger).get(0).handle();

        assertThat(manager.endSession(principal, strangersHandle)).as("endSession with another principal's handle").isFalse();
        assertThat(visit(manager, strangers).isNew()).as("the other principal's session after the refused end").isFalse();
        assertThat(manager.endSession(principal, handle)).as("endSession with the principal's own handle").isTrue();

        assertNoLiveSession(manager, ended, "ended by its handle");
        assertThat(visit(manager, kept).values()).as("the principal's other session").containsEntry("k", "v");
        assertThat(manager.endSession(principal, handle)).as("endSession with the handle of an ended session").isFalse();
        assertThat(manager.endSession(principal, "h.not-a-handle")).as("endSession with a made-up handle").isFalse();
        assertThat(listAll(manager, principal)).as("sessionsOf after ending one of two").hasSize(1);
    }

    @Test
    void endingAllAndEndingAllOthers() {
        SessionManager manager = indexing();
        String principal = newPrincipal();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(signIn(manager, null, principal, Map.of("n", i)));
        }
        String untouched = signIn(manager, null, newPrincipal(), Map.of("n", "other user"));

        SessionContext current = request(manager, ids.get(0));
        assertThat(manager.endOtherSessions(current)).as("endOtherSessions with 4 sessions").isEqualTo(3);
        current.commit();
        assertThat(visit(manager, ids.get(0)).isNew()).as("the current session after endOtherSessions").isFalse();
        ids.subList(1, 4).forEach(id -> assertNoLiveSession(manager, id, "ended by endOtherSessions"));

        ids.add(signIn(manager, null, principal, Map.of()));
        assertThat(manager.endSessions(principal)).as("endSessions with 2 sessions").isEqualTo(2);
        ids.forEach(id -> assertNoLiveSession(manager, id, "ended by endSessions"));
        assertThat(manager.sessionsOf(principal).sessions()).as("sessionsOf after endSessions").isEmpty();
        assertThat(visit(manager, untouched).isNew()).as("another principal's session after endSessions").isFalse();
        SessionContext anonymous = manager.begin(RequestHeaders.none());
        assertThatThrownBy(() -> manager.endOtherSessions(anonymous)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void signingOutOrInvalidatingTakesTheSessionOutOfTheIndex() {
        SessionManager manager = indexing();
        String principal = newPrincipal();
        String out = signIn(manager, null, principal, Map.of());
        String invalidated = signIn(manager, null, principal, Map.of());

        SessionContext signingOut = request(manager, out);
        signingOut.signOut();
        signingOut.commit();
        SessionContext invalidating = request(manager, invalidated);
        invalidating.session().invalidate();
        invalidating.commit();

        assertNoLiveSession(manager, out, "signed out");
        assertNoLiveSession(manager, invalidated, "invalidated");
        PrincipalIndex index = manager.backend().capability(PrincipalIndex.class).orElseThrow();
        assertThat(index.indexedKeys(manager.principalKey(principal), null, 10))
                .as("the index entry after a sign-out and an invalidation, without a listing to repair it").isEmpty();
    }

    @Test
    void deadMembersAreNeverListedAndAreRepaired() {
        SessionManager manager = indexing();
        String principal = newPrincipal();
        String live = signIn(manager, null, principal, Map.of());
        String crashed = signIn(manager, null, principal, Map.of());
        manager.backend().delete(manager.storeKey(crashed)); // a plain delete: what a crash or an outside tool leaves

        assertThat(manager.sessionsOf(principal).sessions()).as("sessionsOf with one live and one deleted member").hasSize(1);
        PrincipalIndex index = manager.backend().capability(PrincipalIndex.class).orElseThrow();
        assertThat(index.indexedKeys(manager.principalKey(principal), null, 10)).as("the entry after the listing repaired it")
                .containsExactly(manager.storeKey(live));
    }

    @Test
    void aReSignInWhoseTombstoneFailsKeepsTheOldSessionListed() {
        assumeTrue(manager().indexesPrincipals(), () -> fixture().provider().name() + " keeps no principal index");
        AtomicBoolean failTombstones = new AtomicBoolean();
        SessionManager manager = fixture().manager(backend -> new ForwardingSessionInterface(backend) {
            @Override
            protected WriteResult replace(RecordWrite.Replace write) {
                if (failTombstones.get() && write.record().length == 0) {
                    throw new SessionBackendException("kit: the store failed the tombstone of " + write.key());
                }
                return super.replace(write);
            }
        });
        String principal = newPrincipal();
        String id = signIn(manager, null, principal, Map.of("k", "v"));

        failTombstones.set(true);
        SessionContext again = request(manager, id);
        again.signIn(principal);
        assertThatThrownBy(again::commit).as("the commit of a re-sign-in whose tombstone failed")
                .isInstanceOf(SessionBackendException.class);
        failTombstones.set(false);

        PrincipalIndex index = manager.backend().capability(PrincipalIndex.class).orElseThrow();
        assertThat(index.indexedKeys(manager.principalKey(principal), null, 10))
                .as("the entry after a re-sign-in whose tombstone failed").contains(manager.storeKey(id));
        assertThat(visit(manager, id).values()).as("the old session after the failed re-sign-in").containsEntry("k", "v");
        assertThat(manager.sessionsOf(principal).sessions()).as("sessionsOf after the failed re-sign-in").isNotEmpty();
    }

    @Test
    void aReSignInWhoseTombstoneLosesItsRaceIsIndexedOnceUnderItsNewId() {
        SessionManager manager = indexing();
        String principal = newPrincipal();
        String id = signIn(manager, null, principal, Map.of());
        SessionContext again = request(manager, id);
        again.session().put("seen", true); // loaded before the other request saves
        SessionContext other = request(manager, id);
        other.session().put("other", 1);
        other.commit();

        again.signIn(principal);
        String newId = cookieId(again.commit(), "a re-sign-in that lost its first tombstone");

        PrincipalIndex index = manager.backend().capability(PrincipalIndex.class).orElseThrow();
        assertThat(index.indexedKeys(manager.principalKey(principal), null, 10))
                .as("the entry after a re-sign-in that lost a race, then won").containsExactly(manager.storeKey(newId));
        assertThat(visit(manager, newId).values()).as("the re-signed-in session").containsEntry("other", 1).containsEntry("seen", true);
        assertNoLiveSession(manager, id, "replaced by the re-sign-in");
    }

    @Test
    void anExpiredSessionIsNeverListed() {
        SessionManager shortLived = manager(Map.of("PERMANENT_SESSION_LIFETIME", clockMode() ? "10m" : "2s"));
        assumeTrue(shortLived.indexesPrincipals(), () -> fixture().provider().name() + " keeps no principal index");
        String principal = newPrincipal();
        String id = signIn(shortLived, null, principal, Map.of());
        letExpire(shortLived.storeKey(id));

        assertThat(shortLived.sessionsOf(principal).sessions()).as("sessionsOf once the only session expired").isEmpty();
    }

    @Test
    void ordinaryRequestsKeepTheirBudgetAndSignInOutCostOneMoreAtMost() {
        SessionManager manager = indexing();
        String principal = newPrincipal();
        long newSignIn = roundTrips(() -> signIn(manager, null, principal, Map.of("k", "v")));
        assertThat(newSignIn).as("round trips of a sign-in in a new session (a new session costs 1)").isLessThanOrEqualTo(2);
        String anonymous = newSession(manager, Map.of("cart", "book"));
        String[] id = new String[1];
        long storedSignIn = roundTrips(() -> id[0] = signIn(manager, anonymous, principal, Map.of()));
        assertThat(storedSignIn).as("round trips of a sign-in in a stored session (regenerate costs 3: load, create, tombstone)")
                .isLessThanOrEqualTo(4);

        String plain = newSession(manager, Map.of("cart", "book"));
        long regenerate = roundTrips(() -> {
            SessionContext context = request(manager, plain);
            context.session().regenerate();
            context.commit();
        });
        String[] again = new String[1];
        long reSignIn = roundTrips(() -> again[0] = signIn(manager, id[0], principal, Map.of()));
        assertThat(reSignIn).as("round trips of signing in again as the same principal (regenerate costs %d)", regenerate)
                .isLessThanOrEqualTo(regenerate + 1);
        id[0] = again[0];

        assertThat(roundTrips(() -> request(manager, id[0]).commit())).as("an untouched signed-in session").isZero();
        assertThat(roundTrips(() -> visit(manager, id[0]))).as("reading a signed-in session").isEqualTo(1);
        assertThat(roundTrips(() -> {
            SessionContext context = request(manager, id[0]);
            context.session().put("visits", 2);
            context.commit();
        })).as("modifying a signed-in session").isEqualTo(2);

        assertThat(roundTrips(() -> manager.sessionsOf(principal))).as("listing 2 sessions: 1 + 1 per session").isEqualTo(3);

        assertThat(roundTrips(() -> {
            SessionContext context = request(manager, id[0]);
            context.signOut();
            context.commit();
        })).as("round trips of a sign-out (invalidate costs 2: load, delete)").isLessThanOrEqualTo(3);
    }

    @Test
    void noStoredNameHoldsThePrincipalInClear() {
        SessionManager manager = indexing();
        String principal = "grace-" + UUID.randomUUID();
        signIn(manager, null, principal, Map.of());
        signIn(manager, null, principal, Map.of());

        List<String> seen = new ArrayList<>(sideDoor().keys(prefix()));
        seen.addAll(sideDoor().indexContents(prefix()));
        assertThat(seen).as("every key under %s and every index entry the side door sees", prefix())
                .noneMatch(name -> name.contains(principal) || name.contains(principal.substring(0, 20)));
        assertThat(manager.sessionsOf(principal).sessions()).as("the sessions listed by the hashed principal").hasSize(2);
    }

    @Test
    void signingInAgainRestartsTheAbsoluteLifetime() {
        SessionManager manager = manager(Map.of("SESSION_ABSOLUTE_LIFETIME", "10m"));
        String principal = newPrincipal();
        String anonymous = newSession(manager, Map.of("cart", "book"));
        clock().advance(Duration.ofMinutes(8));
        String signedIn = signIn(manager, anonymous, principal, Map.of());
        clock().advance(Duration.ofMinutes(5));
        assertThat(visit(manager, signedIn).values()).as("13 minutes after creation, 5 after the sign-in, under a 10 minute cap")
                .containsEntry("cart", "book");
        String again = signIn(manager, signedIn, principal, Map.of());
        clock().advance(Duration.ofMinutes(8));
        assertThat(visit(manager, again).isNew()).as("8 minutes after signing in again, 21 after creation").isFalse();
        clock().advance(Duration.ofMinutes(3));
        assertNoLiveSession(manager, again, "signed in 11 minutes ago under a 10 minute cap");
    }

    @Test
    void aPrincipalThatCannotBeStoredIsRefusedWithoutNamingIt() {
        SessionManager manager = manager();
        for (String bad : List.of("", "line\nbreak", "nul\u0000", "x".repeat(10 * 1024), "lone\ud800surrogate")) {
            SessionContext context = manager.begin(RequestHeaders.none());
            assertThatThrownBy(() -> context.signIn(bad)).as("signIn of a bad principal of %d chars", bad.length())
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(bad.isEmpty() || !e.getMessage().contains(bad)).as("the message names no principal").isTrue());
            assertThat(context.commit().headers()).as("the commit after a refused sign-in").noneMatch(h -> h.name().equals("Set-Cookie"));
        }
    }

    @Test
    void aManagerWithoutTheIndexSaysWhichBackendsHaveIt() {
        SessionManager off = manager(Map.of("SESSION_PRINCIPAL_INDEX", "false"));
        assertThat(off.indexesPrincipals()).as("indexesPrincipals with SESSION_PRINCIPAL_INDEX=false").isFalse();
        String principal = newPrincipal();
        String id = signIn(off, null, principal, Map.of());
        assertThat(request(off, id).principal()).as("the principal is recorded without the index").contains(principal);
        assertThatThrownBy(() -> off.sessionsOf(principal)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SESSION_PRINCIPAL_INDEX is false");
        off.backend().capability(PrincipalIndex.class).ifPresent(index -> assertThat(index.indexedKeys(off.principalKey(principal), null, 10))
                .as("the index with SESSION_PRINCIPAL_INDEX=false").isEmpty());

        if (backend().capability(PrincipalIndex.class).isEmpty()) {
            assertThat(manager().indexesPrincipals()).as("indexesPrincipals without PrincipalIndex").isFalse();
            assertThatThrownBy(() -> manager().sessionsOf(principal)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the " + fixture().provider().name() + " backend keeps no index of sessions by user");
            String plain = signIn(manager(), null, principal, Map.of());
            assertThat(request(manager(), plain).principal()).as("sign-in works without the index").contains(principal);
            assertThatThrownBy(() -> manager(Map.of("SESSION_PRINCIPAL_INDEX", "true")))
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessageContaining("SESSION_PRINCIPAL_INDEX was 'true' but the " + fixture().provider().name()
                            + " backend in use cannot keep an index of sessions by user: it has no PrincipalIndex.");
        } else {
            assertThat(manager(Map.of("SESSION_PRINCIPAL_INDEX", "true")).indexesPrincipals())
                    .as("indexesPrincipals with SESSION_PRINCIPAL_INDEX=true").isTrue();
        }
    }
}
