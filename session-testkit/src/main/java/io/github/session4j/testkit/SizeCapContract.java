package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.SessionManager;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A session larger than the configured cap is refused with a {@link SessionEncodingException}, at
 * {@code put} or at commit, and nothing is written: a new session leaves no record, an existing one
 * keeps its last record.
 */
abstract class SizeCapContract extends LifecycleGroup {

    /** The setting that caps the encoded size of a session. */
    static final String MAX_SIZE_KEY = "SESSION_MAX_SIZE";
    private static final int CAP = 1024;

    SizeCapContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    private SessionManager cappedManager() {
        return manager(Map.of(MAX_SIZE_KEY, Integer.toString(CAP)));
    }

    /** Random text (so that no codec can compress it under the cap). */
    private static String oversized() {
        byte[] noise = new byte[4 * CAP];
        new Random(7L).nextBytes(noise);
        return Base64.getEncoder().encodeToString(noise);
    }

    @Test
    void aNewSessionOverTheCapIsRefusedAndNothingIsWritten() {
        SessionManager manager = cappedManager();
        SessionContext context = manager.begin(RequestHeaders.none());

        assertThatThrownBy(() -> {
            context.session().put("big", oversized());
            context.commit();
        }).as("saving a new session of about %d bytes with %s=%d", 4 * CAP * 4 / 3, MAX_SIZE_KEY, CAP)
                .isInstanceOf(SessionEncodingException.class);

        assertThat(sideDoor().keys(prefix())).as("side door keys after a refused new session").isEmpty();
    }

    @Test
    void anExistingSessionOverTheCapKeepsItsLastRecord() {
        SessionManager manager = cappedManager();
        String id = newSession(manager, Map.of("small", "value"));
        String key = manager.storeKey(id);
        byte[] before = sideDoor().read(key).orElseThrow(() -> new AssertionError("no record under " + key + " after a save"));
        SessionContext context = request(manager, id);

        assertThatThrownBy(() -> {
            context.session().put("big", oversized());
            context.commit();
        }).as("saving an existing session grown to about %d bytes with %s=%d", 4 * CAP * 4 / 3, MAX_SIZE_KEY, CAP)
                .isInstanceOf(SessionEncodingException.class);

        assertSameBytes("the record under " + key + " after a refused save", before,
                sideDoor().read(key).orElseThrow(() -> new AssertionError("the record under " + key + " vanished after a refused save")));
        assertThat(visit(manager, id).values()).as("the session after a refused save").isEqualTo(Map.of("small", "value"));
    }
}
