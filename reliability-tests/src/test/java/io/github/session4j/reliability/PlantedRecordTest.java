package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.codec.RecordFormat;
import io.github.session4j.codec.SessionRecord;
import io.github.session4j.codec.ValueTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Items 15 and 16 through the store: records planted with the store's own client (the side door)
 * under the key of a live session. Nothing planted ever makes a class load; a record that fails
 * its MAC is no session; key rotation with {@code SECRET_KEY_FALLBACKS} keeps sessions readable
 * and re-signs them. The decoder's own tests are in session-api ({@code ClosedWorldTest},
 * {@code RecordFormatTest}).
 */
class PlantedRecordTest {

    private static final String CANARY = "io.github.session4j.reliability.Canary";
    private static final String KEY_1 = "first-secret-key-of-at-least-32-bytes!!";
    private static final String KEY_2 = "second-secret-key-of-at-least-32-bytes!";

    @AfterAll
    static void theCanaryWasNeverInitialised() {
        assertThat(CanaryWitness.initialised).as("Canary's static initializer ran").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void javaSerializedBytesAndClassHintsLoadNoClass(Store store) {
        Map<String, byte[]> planted = Map.of(
                "Java-serialized canary", javaSerializedCanary(),
                "@class JSON", ("{\"@class\":\"" + CANARY + "\",\"payload\":\"x\"}").getBytes(StandardCharsets.UTF_8),
                "@class JSON array", ("[\"" + CANARY + "\",{\"payload\":\"x\"}]").getBytes(StandardCharsets.UTF_8));
        try (TestApp app = TestApp.start(store)) {
            for (Map.Entry<String, byte[]> record : planted.entrySet()) {
                String id = app.browser().get("/put?k=cart&v=apples").newId();
                store.sideDoor().write(app.storeKey(id), record.getValue());
                long unreadable = app.manager().stats().unreadableRecords();

                Reply reply = app.browser().get("/get?k=cart", id);

                assertThat(reply.status()).as(record.getKey()).isEqualTo(200);
                assertThat(reply.body()).as(record.getKey()).isEqualTo("null");
                assertThat(app.manager().stats().unreadableRecords()).as(record.getKey()).isEqualTo(unreadable + 1);
                assertThat(store.sideDoor().exists(app.storeKey(id))).as(record.getKey() + " deleted").isFalse();
                assertThat(CanaryWitness.initialised).as(record.getKey()).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void aClassHintInsideAWellFormedJsonRecordIsJustText(Store store) {
        try (TestApp app = TestApp.start(store, Map.of("SESSION_SERIALIZATION_FORMAT", "json"), Clock.systemUTC())) {
            String id = app.browser().get("/put?k=cart&v=apples").newId();
            String key = app.storeKey(id);
            SessionConfig config = SessionConfig.builder().put("SESSION_SERIALIZATION_FORMAT", "json").build();
            byte[] record = RecordFormat.create(config, ValueTypes.none()).write(key, new SessionRecord(Instant.now(), true,
                    Map.of("cart", Map.of("@class", CANARY, "payload", "x"))));
            assertThat(new String(record, StandardCharsets.UTF_8)).contains("\"@class\":\"" + CANARY + "\"");
            store.sideDoor().write(key, record);

            assertThat(app.browser().get("/get?k=cart", id).body()).contains("@class=" + CANARY);
            assertThat(CanaryWitness.initialised).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void aRecordChangedInTheStoreFailsItsMacAndIsNoSession(Store store) {
        try (TestApp app = TestApp.start(store, Map.of("SECRET_KEY", KEY_1), Clock.systemUTC())) {
            String id = app.browser().get("/put?k=user&v=alice").newId();
            String key = app.storeKey(id);
            byte[] record = store.sideDoor().read(key).orElseThrow();
            byte[] changed = new String(record, StandardCharsets.ISO_8859_1).replace("alice", "admin")
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(changed).as("the value is in the signed record as text").isNotEqualTo(record);
            store.sideDoor().write(key, changed);

            assertThat(app.browser().get("/get?k=user", id).body()).isEqualTo("null");
            assertThat(app.manager().stats().unreadableRecords()).isEqualTo(1);
            assertThat(store.sideDoor().exists(key)).as("the tampered record is deleted").isFalse();
            String next = app.browser().get("/put?k=user&v=mallory", id).newId();
            assertThat(next).as("a fresh ID, never the presented one").isNotEqualTo(id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void keyRotationKeepsSessionsReadableAndReSignsThem(Store store) {
        try (TestApp before = TestApp.start(store, Map.of("SECRET_KEY", KEY_1), Clock.systemUTC())) {
            String id = before.browser().get("/put?k=user&v=alice").newId();
            String key = before.storeKey(id);
            byte[] signedWithOldKey = store.sideDoor().read(key).orElseThrow();
            rotate(before, id, signedWithOldKey, Map.of());
            rotate(before, id, signedWithOldKey, Map.of("SESSION_ENCRYPT", "true"));
        }
    }

    /** Reads the session under KEY_2 with KEY_1 as a fallback, then under KEY_2 alone. */
    private static void rotate(TestApp before, String id, byte[] signedWithOldKey, Map<String, String> mode) {
        String key = before.storeKey(id);
        Store store = before.store();
        store.sideDoor().write(key, signedWithOldKey);
        try (TestApp after = before.sibling(with(mode, Map.of("SECRET_KEY", KEY_2, "SECRET_KEY_FALLBACKS", KEY_1)))) {
            assertThat(after.browser().get("/get?k=user", id).body()).as(mode + ": read with the fallback").isEqualTo("alice");
            byte[] rewritten = store.sideDoor().read(key).orElseThrow();
            assertThat(Arrays.equals(rewritten, signedWithOldKey)).as(mode + ": re-signed on that read").isFalse();
        }
        try (TestApp later = before.sibling(with(mode, Map.of("SECRET_KEY", KEY_2)))) {
            assertThat(later.browser().get("/get?k=user", id).body()).as(mode + ": without the fallback").isEqualTo("alice");
            assertThat(later.manager().stats().unreadableRecords()).isZero();
        }
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    /** A Java serialization stream of a {@code Canary}, made without touching the class. */
    private static byte[] javaSerializedCanary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Decoy1());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String stream = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
        String decoy = Decoy1.class.getName();
        assertThat(stream).contains(decoy);
        assertThat(decoy).hasSameSizeAs(CANARY);
        return stream.replace(decoy, CANARY).getBytes(StandardCharsets.ISO_8859_1);
    }
}
