package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.attributes;
import static io.github.session4j.codec.Fixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValueTypeTest {

    record Money(BigDecimal amount, String currency) {
    }

    enum Color { RED, GREEN }

    static final ValueType<Money> MONEY = ValueType.of("money", Money.class,
            m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("amount", m.amount());
                map.put("currency", m.currency());
                return map;
            },
            d -> {
                Map<?, ?> map = (Map<?, ?>) d;
                return new Money((BigDecimal) map.get("amount"), (String) map.get("currency"));
            });

    static final ValueType<Color> COLOR = ValueType.of("color", Color.class, Color::name,
            d -> Color.valueOf((String) d));

    static final ValueTypes REGISTERED = ValueTypes.of(MONEY, COLOR);

    static Stream<SessionCodec> codecs() {
        return Fixtures.codecs(REGISTERED);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aRegisteredTypeRoundTripsAtAnyLevel(SessionCodec codec) {
        Money price = new Money(new BigDecimal("9.90"), "EUR");
        List<Object> list = new ArrayList<>(List.of(price, Color.GREEN, attributes("inner", Color.RED)));

        assertThat(roundTrip(codec, price)).isEqualTo(price);
        assertThat(roundTrip(codec, list)).isEqualTo(list);
        assertThat(roundTrip(codec, Color.RED)).isSameAs(Color.RED);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aTypeThatIsNotRegisteredIsRefusedNamingTheRegisteredOnes(SessionCodec codec) {
        assertThatThrownBy(() -> codec.check("when", java.time.LocalDate.EPOCH))
                .isExactlyInstanceOf(SessionEncodingException.class)
                .hasMessage("session key 'when' holds a java.time.LocalDate, which is not a supported session value"
                        + " type. Supported: null, Boolean, Integer, Long, Short, Byte, Double, Float, BigInteger,"
                        + " BigDecimal, String, byte[], List, Map<String,?>, Instant, UUID (registered here:"
                        + " money=" + Money.class.getName() + ", color=" + Color.class.getName() + "); register other"
                        + " types with ValueType.of(...)");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aRecordWithAnUnregisteredTagIsUnreadable(SessionCodec codec) {
        byte[] payload = codec.encode(attributes("price", new Money(BigDecimal.ONE, "EUR")));
        SessionCodec without = codec.name().equals("json")
                ? SessionCodec.json(ValueTypes.of(COLOR), 32, 4096)
                : SessionCodec.msgpack(ValueTypes.of(COLOR), 32, 4096);
        assertThatThrownBy(() -> without.decode(payload))
                .isInstanceOfSatisfying(UnreadableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_VALUE_TYPE))
                .hasMessage("the record holds a value of registered type 'money', which is not registered here;"
                        + " register it with ValueType.of(...) as when the record was written");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aRegistrationThatFailsIsReportedWithItsTag(SessionCodec codec) {
        ValueType<StringBuilder> nulls = ValueType.of("nulls", StringBuilder.class, sb -> null, d -> new StringBuilder());
        ValueType<StringBuilder> itself = ValueType.of("self", StringBuilder.class, sb -> sb, d -> new StringBuilder());
        ValueType<StringBuilder> throwing = ValueType.of("boom", StringBuilder.class,
                sb -> { throw new IllegalStateException("secret value"); }, d -> new StringBuilder());
        ValueType<StringBuilder> badBack = ValueType.of("back", StringBuilder.class, StringBuilder::toString,
                d -> { throw new IllegalArgumentException("secret value"); });

        assertThatThrownBy(() -> with(codec, nulls).check("sb", new StringBuilder()))
                .hasMessage("session key 'sb' holds a java.lang.StringBuilder whose ValueType 'nulls' converted it to"
                        + " null; toDocumented must return a documented value");
        assertThatThrownBy(() -> with(codec, itself).check("sb", new StringBuilder()))
                .hasMessageContaining("nests deeper than SESSION_MAX_DEPTH=32");
        assertThatThrownBy(() -> with(codec, throwing).check("sb", new StringBuilder()))
                .hasMessage("session key 'sb' holds a java.lang.StringBuilder whose ValueType 'boom' failed to convert"
                        + " it (java.lang.IllegalStateException); fix its toDocumented function")
                .hasCauseExactlyInstanceOf(IllegalStateException.class);
        SessionCodec back = with(codec, badBack);
        byte[] payload = back.encode(attributes("sb", new StringBuilder("x")));
        assertThatThrownBy(() -> back.decode(payload))
                .isInstanceOfSatisfying(UnreadableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD))
                .hasMessage("the ValueType 'back' failed to convert a stored value back"
                        + " (java.lang.IllegalArgumentException)")
                .hasNoCause();
    }

    @Test
    void aSubclassUsesTheRegistrationOfItsSupertype() {
        ValueType<Number> numbers = ValueType.of("atomic", Number.class, Number::longValue,
                d -> new java.util.concurrent.atomic.AtomicLong((Long) d));
        SessionCodec codec = SessionCodec.msgpack(ValueTypes.of(numbers), 32, 4096);
        assertThat(roundTrip(codec, new java.util.concurrent.atomic.AtomicInteger(5)))
                .isInstanceOf(java.util.concurrent.atomic.AtomicLong.class)
                .hasToString("5");
    }

    @Test
    void registrationsAreCheckedAllTogether() {
        ValueType<Money> otherMoney = ValueType.of("money", Money.class, Money::currency, d -> null);
        ValueType<Money> moneyAgain = ValueType.of("cash", Money.class, Money::currency, d -> null);
        ValueType<java.util.UUID> uuid = ValueType.of("uuid", java.util.UUID.class, u -> u, d -> null);
        assertThatThrownBy(() -> ValueTypes.of(MONEY, otherMoney, moneyAgain, uuid))
                .isExactlyInstanceOf(SessionConfigException.class)
                .hasMessage("value type tag 'money' is registered twice (" + Money.class.getName() + " and "
                        + Money.class.getName() + "); give each type its own tag\n"
                        + "value type " + Money.class.getName() + " is registered twice (tags 'money' and 'cash');"
                        + " register it once\n"
                        + "value type 'uuid' registers java.util.UUID, which is already a documented session"
                        + " value type; remove the registration");
        assertThatThrownBy(() -> ValueType.of("no spaces", Money.class, Money::currency, d -> null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("value type tag 'no spaces' must be 1 to 64 characters of A-Z a-z 0-9 _ . : -");
        assertThat(ValueTypes.none().with(List.of(MONEY)).list()).containsExactly(MONEY);
        assertThat(REGISTERED.list()).containsExactly(MONEY, COLOR);
    }

    private static SessionCodec with(SessionCodec codec, ValueType<?> type) {
        return codec.name().equals("json")
                ? SessionCodec.json(ValueTypes.of(type), 32, 4096)
                : SessionCodec.msgpack(ValueTypes.of(type), 32, 4096);
    }
}
