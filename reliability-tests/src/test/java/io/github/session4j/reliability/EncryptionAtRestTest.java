package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Encryption at rest ({@code SESSION_ENCRYPT=true} with {@code SECRET_KEY}): the raw store, read
 * with the store's own client, holds no plaintext of the session's keys or values; a sealed
 * record moved under another session's key is refused; records sealed under a key now in
 * {@code SECRET_KEY_FALLBACKS} still open (see also {@link PlantedRecordTest}).
 */
class EncryptionAtRestTest {

    private static final String KEY = "encryption-secret-key-of-at-least-32-bytes";
    private static final String OLD_KEY = "older-encryption-key-of-at-least-32-bytes!";
    private static final String SECRET_VALUE = "4111-1111-1111-1111 card of alice@example.com";

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void theRawStoreHoldsNoPlaintext(Store store) {
        for (String format : List.of("msgpack", "json")) {
            Map<String, String> settings = Map.of("SESSION_ENCRYPT", "true", "SECRET_KEY", KEY,
                    "SESSION_SERIALIZATION_FORMAT", format);
            try (TestApp app = TestApp.start(store, settings, Clock.systemUTC())) {
                String id = app.browser().post("/put?k=payment_card_number", SECRET_VALUE).newId();
                byte[] raw = store.sideDoor().read(app.storeKey(id)).orElseThrow();
                String text = new String(raw, StandardCharsets.ISO_8859_1);

                assertThat(text).as(format).doesNotContain("payment_card_number").doesNotContain("4111")
                        .doesNotContain("alice").doesNotContain(id);
                assertThat(raw.length).as(format + ": header, salt, nonce, ciphertext and tag")
                        .isGreaterThan(SECRET_VALUE.length() + 3 + 16 + 12 + 16);
                assertThat(app.browser().get("/get?k=payment_card_number", id).body()).isEqualTo(SECRET_VALUE);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void aSealedRecordMovedToAnotherKeyIsRefused(Store store) {
        try (TestApp app = TestApp.start(store, Map.of("SESSION_ENCRYPT", "true", "SECRET_KEY", KEY), Clock.systemUTC())) {
            String alice = app.browser().get("/put?k=user&v=alice").newId();
            String mallory = app.browser().get("/put?k=user&v=mallory").newId();
            byte[] alicesRecord = store.sideDoor().read(app.storeKey(alice)).orElseThrow();
            store.sideDoor().write(app.storeKey(mallory), alicesRecord);

            assertThat(app.browser().get("/get?k=user", mallory).body()).isEqualTo("null");
            assertThat(app.manager().stats().unreadableRecords()).isEqualTo(1);
            assertThat(app.browser().get("/get?k=user", alice).body()).isEqualTo("alice");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void fallbackKeysOpenOlderRecords(Store store) {
        try (TestApp old = TestApp.start(store, Map.of("SESSION_ENCRYPT", "true", "SECRET_KEY", OLD_KEY),
                Clock.systemUTC())) {
            String id = old.browser().post("/put?k=note", SECRET_VALUE).newId();
            try (TestApp current = old.sibling(Map.of("SESSION_ENCRYPT", "true", "SECRET_KEY", KEY,
                    "SECRET_KEY_FALLBACKS", OLD_KEY))) {
                assertThat(current.browser().get("/get?k=note", id).body()).isEqualTo(SECRET_VALUE);
            }
            try (TestApp withoutFallback = old.sibling(Map.of("SESSION_ENCRYPT", "true", "SECRET_KEY", KEY))) {
                assertThat(withoutFallback.browser().get("/get?k=note", id).body())
                        .as("re-sealed under the current key by the read above").isEqualTo(SECRET_VALUE);
            }
            String raw = new String(store.sideDoor().read(old.storeKey(id)).orElseThrow(), StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain("4111");
        }
    }
}
