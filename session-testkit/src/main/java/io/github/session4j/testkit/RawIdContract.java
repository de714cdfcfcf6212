package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raw session ID never reaches the store: no key and no record holds it, neither as text nor
 * as its decoded bytes (checked through the side door).
 */
abstract class RawIdContract extends LifecycleGroup {

    RawIdContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @ParameterizedTest(name = "SESSION_SERIALIZATION_FORMAT={0}")
    @ValueSource(strings = {"msgpack", "json"})
    void noKeyAndNoRecordContainsARawId(String format) {
        SessionManager manager = manager(Map.of("SESSION_SERIALIZATION_FORMAT", format));
        String first = newSession(manager, Map.of("user", "alice"));
        SessionContext change = request(manager, first);
        change.session().put("visits", 2);
        change.commit();
        SessionContext login = request(manager, first);
        login.session().regenerate();
        String second = cookieId(login.commit(), "a commit after regenerate()");
        String third = newSession(manager, Map.of("user", "bob"));

        List<String> keys = sideDoor().keys(prefix());
        assertThat(keys).as("side door keys after three sessions were saved").isNotEmpty();
        for (String id : List.of(first, second, third)) {
            byte[] rawId = decodedOrEmpty(id);
            for (String key : keys) {
                assertThat(key).as("a store key must not contain a session ID").doesNotContain(id);
                byte[] record = sideDoor().read(key).orElse(new byte[0]);
                assertThat(new String(record, StandardCharsets.ISO_8859_1))
                        .as("the record under %s must not contain a session ID as text", key)
                        .doesNotContain(id);
                assertThat(indexOf(record, rawId)).as("position of a session ID's decoded bytes in the record under %s", key)
                        .isEqualTo(-1);
            }
        }
    }

    private static byte[] decodedOrEmpty(String id) {
        try {
            return Base64.getUrlDecoder().decode(id);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        if (needle.length == 0) {
            return -1;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
