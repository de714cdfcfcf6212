package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.memory.MemorySessionInterface;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Modifying requests on a backend that can append ({@link io.github.session4j.spi.RecordAppender},
 * here the memory backend): a small change to a large session is saved as a delta frame, and
 * everything else as before.
 */
class DeltaSaveTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MemorySessionInterface memory = new MemorySessionInterface(clock);
    private SessionManager manager;

    private SessionManager manager(String... settings) {
        SessionConfig.Builder config = SessionConfig.builder().put("SESSION_DELTA_WRITES", "true");
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        manager = SessionManager.builder(config.build()).clock(clock).backend("memory", memory).build();
        return manager;
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private SessionContext begin(String id) {
        return manager.begin(id == null ? RequestHeaders.none() : RequestHeaders.cookie("session=" + id));
    }

    private void request(String id, Consumer<Session> code) {
        SessionContext context = begin(id);
        code.accept(context.session());
        context.commit();
    }

    /** Stores a session of about {@code size} bytes and returns its ID. */
    private String largeSession(int size) {
        SessionContext context = begin(null);
        context.session().put("data", new byte[size]);
        context.session().put("counter", 0L);
        context.session().put("user", "ada");
        String cookie = context.commit().header("Set-Cookie").orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private int storedLength(String id) {
        return memory.peek(manager.storeKey(id)).orElseThrow().length;
    }

    private Map<String, Object> read(String id) {
        SessionContext context = begin(id);
        Map<String, Object> copy = Map.copyOf(Map.of("counter", context.session().get("counter"),
                "hasUser", context.session().containsKey("user"), "data", ((byte[]) context.session().get("data")).length));
        context.commit();
        return copy;
    }

    @Test
    void aSmallChangeToALargeSessionIsAppendedAndReadBack() {
        manager();
        String id = largeSession(20_000);
        int before = storedLength(id);

        request(id, s -> s.put("counter", 1L));

        assertThat(manager.stats().appends()).isEqualTo(1);
        assertThat(manager.stats().replaces()).isZero();
        assertThat(storedLength(id) - before).isBetween(1, 64);
        assertThat(read(id)).containsEntry("counter", 1L).containsEntry("hasUser", true).containsEntry("data", 20_000);
    }

    @Test
    void offByDefault() {
        manager = SessionManager.builder(SessionConfig.builder().build()).clock(clock).backend("memory", memory).build();
        String id = largeSession(20_000);

        request(id, s -> s.put("counter", 1L));

        assertThat(manager.stats().appends()).isZero();
        assertThat(manager.stats().replaces()).isEqualTo(1);
        assertThat(memory.peek(manager.storeKey(id)).orElseThrow()[3]).as("the record's envelope version").isEqualTo((byte) 1);
    }

    @Test
    void aRemovalTravelsInTheFrame() {
        manager();
        String id = largeSession(20_000);

        request(id, s -> s.pop("user"));

        assertThat(manager.stats().appends()).isEqualTo(1);
        assertThat(read(id)).containsEntry("hasUser", false).containsEntry("counter", 0L);
    }

    @Test
    void aSmallSessionIsRewrittenWhole() {
        manager();
        String id = largeSession(100);

        request(id, s -> s.put("counter", 1L));

        assertThat(manager.stats().appends()).isZero();
        assertThat(manager.stats().replaces()).isEqualTo(1);
    }

    @Test
    void framesPileUpToTheLimitThenTheRecordIsRewrittenWhole() {
        manager();
        String id = largeSession(16_000); // a record of up to 16 KB takes 8 frames
        int base = storedLength(id);
        for (long i = 1; i <= 8; i++) {
            long value = i;
            request(id, s -> s.put("counter", value));
        }
        assertThat(manager.stats().appends()).isEqualTo(8);
        assertThat(storedLength(id)).isGreaterThan(base);

        request(id, s -> s.put("counter", 9L));

        assertThat(manager.stats().replaces()).isEqualTo(1);
        assertThat(storedLength(id)).isEqualTo(base);
        assertThat(read(id)).containsEntry("counter", 9L);
    }

    @Test
    void makingTheSessionPermanentRewritesItWhole() {
        manager("SESSION_PERMANENT", "false");
        String id = largeSession(20_000);

        request(id, s -> {
            s.setPermanent(true);
            s.put("counter", 1L);
        });

        assertThat(manager.stats().appends()).isZero();
        assertThat(manager.stats().replaces()).isEqualTo(1);
    }

    @Test
    void twoConcurrentRequestsOnALargeSessionKeepBothChanges() {
        manager();
        String id = largeSession(20_000);
        SessionContext first = begin(id);
        SessionContext second = begin(id);
        first.session().put("a", "from first");
        second.session().put("b", "from second");
        second.session().put("counter", 5L);

        first.commit();
        second.commit();

        assertThat(manager.stats().conflicts()).isEqualTo(1);
        assertThat(manager.stats().appends()).isEqualTo(3);
        SessionContext after = begin(id);
        assertThat(after.session()).containsEntry("a", "from first").containsEntry("b", "from second")
                .containsEntry("counter", 5L).containsKey("data");
        after.commit();
    }

    @Test
    void signedFramesWorkAndATamperedFrameIsNoSession() {
        manager("SECRET_KEY", "a long enough secret for the tests");
        String id = largeSession(20_000);
        request(id, s -> s.put("counter", 1L));
        assertThat(manager.stats().appends()).isEqualTo(1);
        assertThat(read(id)).containsEntry("counter", 1L);

        String key = manager.storeKey(id);
        byte[] stored = memory.peek(key).orElseThrow();
        stored[stored.length - 40] ^= 1;
        memory.overwrite(key, stored);

        SessionContext context = begin(id);
        assertThat(context.session()).isEmpty();
        context.commit();
        assertThat(manager.stats().unreadableRecords()).isEqualTo(1);
        assertThat(memory.peek(key)).isEmpty();
    }
}
