package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.UnreadableRecordException.Reason;
import io.github.session4j.codec.listed.Cart;
import io.github.session4j.codec.listed.ListedDecoy1;
import io.github.session4j.codec.listed.NotSerializableThing;
import io.github.session4j.codec.listed.Witness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * SESSION_SERIALIZABLE_CLASSES (DESIGN.md §10): the application's listed Serializable classes
 * round-trip inside the record's tree; a planted record is never deserialized unless its MAC
 * verifies and the patterns list every class it names. The canaries' static initializers record
 * whether they ran.
 */
class SerializableClassesTest {

    static final String KEY = "session:serializable";
    static final String LISTED = "io.github.session4j.codec.listed.*";
    static final String SECRET = "k";
    static final String LISTED_CANARY = "io.github.session4j.codec.listed.ListedCanary";
    static final String SIGNED_CANARY = "io.github.session4j.codec.listed.SignedCanary";

    @AfterEach
    void theCanariesThatMustNotLoadNeverDid() {
        assertThat(Witness.listedCanary).as("ListedCanary's static initializer ran").isFalse();
        assertThat(CanaryWitness.initialised).as("Canary's static initializer ran").isFalse();
    }

    static RecordFormat format(String patterns, String... more) {
        List<String> settings = new ArrayList<>(List.of("SECRET_KEY", SECRET, "SESSION_SERIALIZABLE_CLASSES", patterns));
        settings.addAll(Arrays.asList(more));
        return Fixtures.format(settings.toArray(String[]::new));
    }

    /** Java-serializes a listed decoy, then renames its class in the stream to {@code target}'s (same length). */
    static byte[] serializedAs(String target) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(target.equals(ClosedWorldTest.CANARY) ? new Decoy1() : new ListedDecoy1());
        }
        String decoy = target.equals(ClosedWorldTest.CANARY) ? Decoy1.class.getName() : ListedDecoy1.class.getName();
        assertThat(decoy).hasSameSizeAs(target);
        String text = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1).replace(decoy, target);
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A plain msgpack record {"cart": ["j", serialized]}, as the writer lays a serialized value out. */
    static byte[] plainRecordHolding(byte[] serialized) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (MessagePacker packer = MessagePack.newDefaultPacker(payload)) {
            packer.packMapHeader(1).packString("cart");
            packer.packArrayHeader(2).packString(DocumentedTypes.SERIALIZED);
            packer.packBinaryHeader(serialized.length).writePayload(serialized);
        }
        return RecordFormatTest.envelope(1, payload.toByteArray());
    }

    /** Signs a plain record under {@code secret} for {@link #KEY}, as the writer would. */
    static byte[] signed(byte[] plain, String secret) {
        byte[] bytes = Arrays.copyOf(plain, plain.length + RecordKey.MAC_LENGTH);
        bytes[4] = 1;
        byte[] mac = new RecordSeal(List.of(new RecordKey(secret))).sign(RecordSeal.bind(KEY), bytes, plain.length);
        System.arraycopy(mac, 0, bytes, plain.length, mac.length);
        return bytes;
    }

    static Cart cart() {
        Cart cart = new Cart();
        cart.items.add(new Cart.Item("book", 2, new BigDecimal("12.50")));
        cart.items.add(new Cart.Item("pen", 1, new BigDecimal("1.99")));
        cart.status = Cart.Status.PAID;
        return cart;
    }

    @Nested
    class Canaries {

        @Test
        void aPlantedRecordWithAWrongMacNeverLoadsAListedClass() throws IOException {
            RecordFormat format = format(LISTED);
            byte[] plain = plainRecordHolding(serializedAs(LISTED_CANARY));
            for (byte[] planted : List.of(plain, signed(plain, "another key"), tamperedMac(signed(plain, SECRET)))) {
                assertThatThrownBy(() -> format.read(KEY, planted)).isInstanceOfSatisfying(UnreadableRecordException.class,
                        e -> assertThat(e.reason()).isIn(Reason.MISSING_MAC, Reason.BAD_MAC));
            }
            assertThat(Witness.listedCanary).isFalse();
        }

        @Test
        void aValidlySignedRecordNamingAClassOutsideTheListNeverLoadsIt() throws IOException {
            RecordFormat format = format(LISTED);
            byte[] planted = signed(plainRecordHolding(serializedAs(ClosedWorldTest.CANARY)), SECRET);

            assertThatThrownBy(() -> format.read(KEY, planted)).isInstanceOfSatisfying(UnreadableRecordException.class,
                    e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_VALUE_TYPE);
                        assertThat(e.getMessage()).contains("refused by the filter of SESSION_SERIALIZABLE_CLASSES=" + LISTED);
                    });
            assertThat(CanaryWitness.initialised).isFalse();
        }

        @Test
        void aValidlySignedRecordWithAJavaSerializedValueIsRefusedWhereTheSettingIsUnset() throws IOException {
            RecordFormat unset = Fixtures.format("SECRET_KEY", SECRET);
            byte[] planted = signed(plainRecordHolding(serializedAs(LISTED_CANARY)), SECRET);

            assertThatThrownBy(() -> unset.read(KEY, planted)).isInstanceOfSatisfying(UnreadableRecordException.class,
                    e -> assertThat(e).hasMessageContaining("SESSION_SERIALIZABLE_CLASSES is not set here")
                            .extracting(UnreadableRecordException::reason).isEqualTo(Reason.UNKNOWN_VALUE_TYPE));
        }

        @Test
        void theControlAValidlySignedRecordOfAListedClassDoesLoadIt() throws IOException {
            assertThat(Witness.signedCanary).as("before the read").isFalse();
            byte[] planted = signed(plainRecordHolding(serializedAs(SIGNED_CANARY)), SECRET);

            Object read = format(LISTED).read(KEY, planted).record().attributes().get("cart");

            assertThat(read.getClass().getName()).isEqualTo(SIGNED_CANARY);
            assertThat(Witness.signedCanary).as("the listed canary of a signed record, once read").isTrue();
        }

        private static byte[] tamperedMac(byte[] signed) {
            byte[] tampered = signed.clone();
            tampered[tampered.length - 1] ^= 1;
            return tampered;
        }
    }

    @Nested
    class RoundTrips {

        @ParameterizedTest
        @ValueSource(strings = {"msgpack", "json"})
        void aListedClassComesBackEqualWithItsClassInEveryMode(String codec) {
            for (RecordFormat format : List.of(format(LISTED, "SESSION_SERIALIZATION_FORMAT", codec),
                    format(LISTED, "SESSION_SERIALIZATION_FORMAT", codec, "SESSION_ENCRYPT", "true"),
                    format("io.github.session4j.codec.listed.Cart*", "SESSION_SERIALIZATION_FORMAT", codec))) {
                Map<String, Object> attributes = new java.util.LinkedHashMap<>();
                attributes.put("cart", cart());
                attributes.put("list", List.of(cart(), "x"));
                attributes.put("n", 1);
                SessionRecord read = format.read(KEY, format.write(KEY, new SessionRecord(Instant.EPOCH, true, attributes)))
                        .record();
                assertThat(read.attributes()).isEqualTo(attributes);
                assertThat(read.attributes().get("cart")).isExactlyInstanceOf(Cart.class);
                assertThat(((Cart) read.attributes().get("cart")).items.get(0)).isExactlyInstanceOf(Cart.Item.class);
            }
        }

        @Test
        void theJdksValueClassesInsideAListedClassComeBack() {
            RecordFormat format = format(LISTED);
            Cart cart = cart();
            Map<String, Object> extra = new HashMap<>();
            extra.put("set", new TreeSet<>(List.of("a", "b")));
            extra.put("uuid", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
            extra.put("when", Instant.parse("2026-12-08T01:00:00Z"));
            extra.put("immutable", List.of(1L, 2.5, 'c', (short) 3));
            extra.put("empty", java.util.Collections.emptyList());
            extra.put("unmodifiable", java.util.Collections.unmodifiableMap(new HashMap<>(Map.of("k", "v"))));
            extra.put("ints", new int[] {1, 2, 3});
            cart.extra = extra;

            Cart read = (Cart) format.read(KEY, format.write(KEY, new SessionRecord(Instant.EPOCH, true,
                    attributes("cart", cart)))).record().attributes().get("cart");

            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) read.extra;
            assertThat(back.get("ints")).isEqualTo(new int[] {1, 2, 3});
            back.remove("ints");
            extra.remove("ints");
            assertThat(back).isEqualTo(extra);
        }

        @Test
        void aRegisteredValueTypeWinsOverTheDoor() {
            ValueType<Cart> registered = ValueType.of("cart", Cart.class, c -> c.items.size(), d -> new Cart());
            RecordFormat format = Fixtures.format(ValueTypes.of(registered), "SECRET_KEY", SECRET,
                    "SESSION_SERIALIZABLE_CLASSES", LISTED);
            byte[] stored = format.write(KEY, new SessionRecord(Instant.EPOCH, true, attributes("cart", cart())));
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("java.").doesNotContain("Cart$Item");
        }
    }

    @Nested
    class Refusals {

        @Test
        void anUnlistedSerializableClassIsRefusedAtPutTimeNamingTheSetting() {
            RecordFormat format = format(LISTED);
            assertThatThrownBy(() -> format.checkValue("thing", new Decoy1()))
                    .isExactlyInstanceOf(SessionEncodingException.class)
                    .hasMessage("session key 'thing' holds a io.github.session4j.codec.Decoy1, which is not a supported"
                            + " session value type. " + CodecLimitsTest.SUPPORTED
                            + "; or list it in SESSION_SERIALIZABLE_CLASSES, which does not match it now"
                            + " (SESSION_SERIALIZABLE_CLASSES=" + LISTED + ")");
        }

        @Test
        void whereTheSettingIsUnsetTheRefusalSaysHowToOpenTheDoor() {
            assertThatThrownBy(() -> Fixtures.format().checkValue("cart", cart()))
                    .isExactlyInstanceOf(SessionEncodingException.class)
                    .hasMessageEndingWith("register other types with ValueType.of(...); or, for a java.io.Serializable class"
                            + " of your own, list it in SESSION_SERIALIZABLE_CLASSES (ObjectInputFilter patterns such as"
                            + " com.acme.cart.*; needs SECRET_KEY)");
        }

        @Test
        void aJdkClassIsRefusedWithoutSuggestingTheSetting() {
            assertThatThrownBy(() -> Fixtures.format().checkValue("when", java.time.LocalDate.of(2026, 1, 1)))
                    .hasMessage("session key 'when' holds a java.time.LocalDate, which is not a supported session value"
                            + " type. " + CodecLimitsTest.SUPPORTED);
            assertThatThrownBy(() -> format(LISTED).checkValue("when", java.time.LocalDate.of(2026, 1, 1)))
                    .hasMessage("session key 'when' holds a java.time.LocalDate, which is not a supported session value"
                            + " type. " + CodecLimitsTest.SUPPORTED);
        }

        @Test
        void aListedClassHoldingAClassOutsideTheListIsRefusedAtPutAndAtCommit() {
            RecordFormat format = format(LISTED);
            Cart cart = cart();
            cart.extra = List.of(new Decoy1());
            String message = "session key 'cart' holds a io.github.session4j.codec.listed.Cart whose serialized form"
                    + " contains a io.github.session4j.codec.Decoy1, which SESSION_SERIALIZABLE_CLASSES=" + LISTED
                    + " does not admit (it admits the classes it lists and the JDK's plain value classes); list that"
                    + " class too, or keep such values out of the session";
            assertThatThrownBy(() -> format.checkValue("cart", cart)).isExactlyInstanceOf(SessionEncodingException.class)
                    .hasMessage(message);
            assertThatThrownBy(() -> format.write(KEY, new SessionRecord(Instant.EPOCH, true, attributes("cart", cart))))
                    .isExactlyInstanceOf(SessionEncodingException.class).hasMessage(message);
        }

        @Test
        void aJdkClassOutsideThePlainValueClassesIsRefused() {
            Cart cart = cart();
            cart.extra = new java.util.Random(1);
            assertThatThrownBy(() -> format(LISTED).checkValue("cart", cart))
                    .hasMessageContaining("contains a java.util.Random, which SESSION_SERIALIZABLE_CLASSES=");
        }

        @Test
        void aFieldThatIsNotSerializableIsNamed() {
            Cart cart = cart();
            cart.extra = new NotSerializableThing();
            assertThatThrownBy(() -> format(LISTED).checkValue("cart", cart))
                    .hasMessage("session key 'cart' holds a io.github.session4j.codec.listed.Cart that cannot be"
                            + " Java-serialized: it contains a io.github.session4j.codec.listed.NotSerializableThing, which"
                            + " does not implement java.io.Serializable; make it Serializable, mark the field transient,"
                            + " or keep such values out of the session");
        }

        @Test
        void aListedClassThatIsNotSerializableIsRefused() {
            assertThatThrownBy(() -> format(LISTED).checkValue("thing", new NotSerializableThing()))
                    .hasMessage("session key 'thing' holds a io.github.session4j.codec.listed.NotSerializableThing, which"
                            + " SESSION_SERIALIZABLE_CLASSES=" + LISTED + " lists but which does not implement"
                            + " java.io.Serializable; make it Serializable, or register a ValueType for it with"
                            + " ValueType.of(...)");
        }

        @Test
        void aGraphDeeperThanTheLimitIsRefusedAtPutTime() {
            Object deep = "leaf";
            for (int i = 0; i < SerializableDoor.MAX_GRAPH_DEPTH + 5; i++) {
                Cart cart = new Cart();
                cart.extra = deep;
                deep = cart;
            }
            Object value = deep;
            assertThatThrownBy(() -> format(LISTED).checkValue("cart", value))
                    .hasMessageStartingWith("session key 'cart' holds a io.github.session4j.codec.listed.Cart whose"
                            + " serialized form could not be read back:");
        }

        @Test
        void aRecordNamingAClassThatIsGoneIsUnreadable() throws IOException {
            byte[] serialized = serializedAs(SIGNED_CANARY);
            String text = new String(serialized, StandardCharsets.ISO_8859_1).replace("SignedCanary", "SignedMissin");
            byte[] planted = signed(plainRecordHolding(text.getBytes(StandardCharsets.ISO_8859_1)), SECRET);
            assertThatThrownBy(() -> format(LISTED).read(KEY, planted))
                    .isInstanceOfSatisfying(UnreadableRecordException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_VALUE_TYPE));
        }
    }

    @Nested
    class TheSetting {

        @Test
        void itNeedsSecretKey() {
            assertThatThrownBy(() -> Fixtures.format("SESSION_SERIALIZABLE_CLASSES", LISTED))
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessageContaining("SESSION_SERIALIZABLE_CLASSES is set but SECRET_KEY is not: Java-serialized"
                            + " values are read only from records whose MAC has verified");
        }

        @Test
        void patternsAreSeparatedBySemicolonsOrCommas() {
            RecordFormat format = format("com.acme.model.** ; io.github.session4j.codec.listed.Cart*, com.acme.X");
            byte[] stored = format.write(KEY, new SessionRecord(Instant.EPOCH, true, attributes("cart", cart())));
            assertThat(format.read(KEY, stored).record().attributes().get("cart")).isEqualTo(cart());
        }

        @Test
        void aNegatedPatternExcludes() {
            RecordFormat format = format("!io.github.session4j.codec.listed.Cart;" + LISTED);
            assertThatThrownBy(() -> format.checkValue("cart", cart())).hasMessageContaining("which does not match it now");
        }
    }
}
