package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** isNew, isModified, permanence, regenerate and invalidate. */
class SessionStateTest {

    private static Session stored() {
        return SessionTestBinding.stored(Map.of("user", "ada", "cart", 2)).session();
    }

    @Test
    void aLoadedSessionStartsUnmodified() {
        Session session = stored();

        assertThat(session.isNew()).isFalse();
        assertThat(session.isModified()).isFalse();
        assertThat(session.isInvalidated()).isFalse();
        assertThat(session.isRegenerateRequested()).isFalse();
        assertThat(session.isPermanent()).isFalse();
        assertThat(session.creationTime()).isEqualTo(SessionTestBinding.CREATED);
    }

    @Test
    void aNewSessionIsNew() {
        Session session = SessionTestBinding.fresh().session();

        assertThat(session.isNew()).isTrue();
        assertThat(session).isEmpty();
        assertThat(session.isModified()).isFalse();
    }

    @Test
    void changingPermanenceIsAModificationUntilItIsSetBack() {
        Session session = stored();

        session.setPermanent(true);
        assertThat(session.isPermanent()).isTrue();
        assertThat(session.isPermanentChanged()).isTrue();
        assertThat(session.isModified()).isTrue();
        assertThat(session.changes()).isEmpty();

        session.setPermanent(false);
        assertThat(session.isPermanentChanged()).isFalse();
        assertThat(session.isModified()).isFalse();
    }

    @Test
    void regenerateKeepsTheDataAndIsNotAModification() {
        Session session = stored();

        session.regenerate();

        assertThat(session.isRegenerateRequested()).isTrue();
        assertThat(session.isModified()).isFalse();
        assertThat(session.isNew()).isFalse();
        assertThat(session).containsEntry("user", "ada");
    }

    @Test
    void invalidateEmptiesTheSessionAndForgetsEarlierChanges() {
        Session session = stored();
        session.put("step", 1);
        session.setPermanent(true);

        session.invalidate();

        assertThat(session).isEmpty();
        assertThat(session.attributes()).isEmpty();
        assertThat(session.isInvalidated()).isTrue();
        assertThat(session.isNew()).isTrue();
        assertThat(session.isModified()).isTrue();
        assertThat(session.changes()).isEmpty();
        assertThat(session.isPermanent()).isTrue();
        assertThat(session.creationTime()).isEqualTo(SessionTestBinding.CREATED);
        assertThat(session.loadedState().attributes()).containsOnlyKeys("user", "cart");
    }

    @Test
    void changesAfterInvalidateStartANewSession() {
        Session session = stored();
        session.invalidate();

        session.put("flash", "logged out");
        session.remove("user");

        assertThat(session.changes()).containsExactly(new SessionChange.Put("flash", "logged out"));
        assertThat(session.attributes()).isEqualTo(Map.of("flash", "logged out"));
        assertThat(session.replayOnto(Map.of())).isEqualTo(Map.of("flash", "logged out"));
        assertThat(session.isNew()).isTrue();
    }

    @Test
    void viewsTakenBeforeInvalidateStayLive() {
        Session session = stored();
        var keys = session.keySet();

        session.invalidate();
        session.put("flash", "bye");

        assertThat(keys).containsExactly("flash");
    }
}
