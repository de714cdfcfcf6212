package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Sessions across requests through a {@link SessionManager}: values persist, removals persist,
 * invalidate and regenerate end the old ID, and the record lives under the ID's store key.
 */
abstract class RequestLifecycleContract extends LifecycleGroup {

    RequestLifecycleContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void aValueSetInOneRequestIsReadInTheNext() {
        SessionManager manager = fixture().closeLater(SessionManager.builder(fixture().config())
                .provider(fixture().provider()).clock(fixture().clock()).build());
        String id = newSession(manager, Map.of("user", "alice", "visits", 7));

        Visit next = visit(manager, id);

        assertThat(next.isNew()).as("the session of the second request, with the cookie of the first").isFalse();
        assertThat(next.values()).as("the values the second request reads").isEqualTo(Map.of("user", "alice", "visits", 7));
    }

    @Test
    void theRecordIsStoredUnderTheStoreKeyOfTheId() {
        String id = newSession(manager(), Map.of("user", "alice"));

        String key = manager().storeKey(id);
        assertThat(key).as("the store key of a session ID").startsWith(prefix());
        assertThat(sideDoor().keys(prefix())).as("side door keys after one new session").containsExactly(key);
        assertThat(sideDoor().read(key)).as("the record under %s", key)
                .hasValueSatisfying(bytes -> assertThat(bytes).as("record bytes").isNotEmpty());
    }

    @Test
    void changesAndRemovalsPersist() {
        String id = newSession(manager(), Map.of("kept", "k", "changed", 1, "removed", true));
        SessionContext change = request(manager(), id);
        change.session().put("changed", 2);
        change.session().remove("removed");
        change.session().put("added", "a");
        change.commit();

        assertThat(visit(manager(), id).values()).as("the session after a request changed, removed and added keys")
                .isEqualTo(Map.of("kept", "k", "changed", 2, "added", "a"));
    }

    @Test
    void invalidateDeletesTheRecordAndEndsTheId() {
        String id = newSession(manager(), Map.of("user", "alice"));
        SessionContext logout = request(manager(), id);
        logout.session().invalidate();
        logout.commit();

        assertThat(sideDoor().exists(manager().storeKey(id))).as("the side door finds the record of an invalidated session").isFalse();
        assertNoLiveSession(manager(), id, "that was invalidated");
    }

    @Test
    void regenerateMovesTheDataToANewIdAndEndsTheOldOne() {
        String oldId = newSession(manager(), Map.of("user", "alice"));
        SessionContext login = request(manager(), oldId);
        login.session().regenerate();
        String newId = cookieId(login.commit(), "a commit after regenerate()");

        assertThat(newId).as("the ID after regenerate()").isNotEqualTo(oldId);
        assertThat(visit(manager(), newId).values()).as("the session under the regenerated ID")
                .isEqualTo(Map.of("user", "alice"));
        assertNoLiveSession(manager(), oldId, "that was regenerated");
    }
}
