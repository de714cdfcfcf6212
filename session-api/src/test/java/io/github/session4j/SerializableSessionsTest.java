package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.codec.listed.Cart;
import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.memory.MemorySessionInterfaceProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SESSION_SERIALIZABLE_CLASSES through a manager, as an application uses it: start-up refuses it
 * without SECRET_KEY in the one error layout, a listed value put in one manager is read back equal,
 * with its class, by a fresh manager over the same store, and put refuses the rest at once.
 */
class SerializableSessionsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T00:00:00Z"));
    private final MemorySessionInterface store = new MemorySessionInterface(clock);

    private SessionManager manager(Map<String, String> settings) {
        return SessionManager.builder(SessionConfig.builder().putAll(settings).build()).clock(clock)
                .backend("memory", new CountingSessionInterface(store)).build();
    }

    @Test
    void startUpRefusesTheSettingWithoutSecretKey() {
        SessionConfig config = SessionConfig.builder().put("SESSION_TYPE", "memory")
                .put("SESSION_SERIALIZABLE_CLASSES", "com.acme.cart.*").build();
        assertThatThrownBy(() -> SessionManager.create(new MemorySessionInterfaceProvider(), config))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_SERIALIZABLE_CLASSES is set but"
                        + " SECRET_KEY is not: Java-serialized values are read only from records whose MAC has verified,"
                        + " so that bytes planted in the store never reach ObjectInputStream; set SECRET_KEY to a random"
                        + " value of at least 32 bytes (openssl rand -base64 48), or remove SESSION_SERIALIZABLE_CLASSES");
    }

    @Test
    void aListedValueIsReadBackEqualWithItsClassByAFreshManager() {
        Map<String, String> settings = Map.of("SECRET_KEY", SECRET, "SESSION_SERIALIZABLE_CLASSES",
                "io.github.session4j.codec.listed.*");
        Cart cart = new Cart();
        cart.items.add(new Cart.Item("book", 2, new BigDecimal("12.50")));
        // both over the one memory store, which closing a manager would empty
        try (SessionManager first = manager(settings); SessionManager fresh = manager(settings)) {
            SessionContext context = first.begin(RequestHeaders.none());
            context.session().put("cart", cart);
            String cookie = context.commit().header("Set-Cookie").orElseThrow();
            String id = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));

            SessionContext next = fresh.begin(RequestHeaders.cookie("session=" + id));
            Object read = next.session().get("cart");
            assertThat(read).isExactlyInstanceOf(Cart.class).isEqualTo(cart).isNotSameAs(cart);
            next.commit();
        }
    }

    @Test
    void putRefusesAnApplicationClassNamingTheSettingAndLeavesTheSessionAsItWas() {
        try (SessionManager manager = manager(Map.of())) {
            SessionContext context = manager.begin(RequestHeaders.none());
            Session session = context.session();
            assertThatThrownBy(() -> session.put("cart", new Cart()))
                    .isInstanceOf(SessionEncodingException.class)
                    .hasMessageContaining("session key 'cart' holds a io.github.session4j.codec.listed.Cart, which is not"
                            + " a supported session value type.")
                    .hasMessageEndingWith("register other types with ValueType.of(...); or, for a java.io.Serializable"
                            + " class of your own, list it in SESSION_SERIALIZABLE_CLASSES (ObjectInputFilter patterns"
                            + " such as com.acme.cart.*; needs SECRET_KEY)");
            assertThat(session).isEmpty();
            assertThat(session.isModified()).isFalse();
            context.commit();
        }
    }
}
