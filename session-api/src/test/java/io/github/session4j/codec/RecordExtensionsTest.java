package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.attributes;
import static io.github.session4j.codec.Fixtures.format;
import static io.github.session4j.codec.RecordFormatTest.CREATED;
import static io.github.session4j.codec.RecordFormatTest.KEY;
import static io.github.session4j.codec.RecordFormatTest.assertUnreadable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The extension section of version 3 records: the principal, the sign-in time and the idle timeout. */
class RecordExtensionsTest {

    static final Instant SIGNED_IN = Instant.parse("2025-03-04T06:00:00.000000500Z");
    static final Duration IDLE = Duration.ofMinutes(30).plusNanos(7);
    static final RecordExtensions ALL = RecordExtensions.of("grace@example.org", SIGNED_IN, IDLE);
    private static final byte[] EMPTY_MSGPACK_MAP = {(byte) 0x80};

    static SessionRecord extended(RecordExtensions extensions) {
        return new SessionRecord(CREATED, true, RecordFormatTest.sample().attributes(), extensions);
    }

    /** Every codec, protection and delta setting. */
    static Stream<Arguments> formats() {
        Stream.Builder<Arguments> formats = Stream.builder();
        for (String codec : List.of("msgpack", "json")) {
            for (String deltas : List.of("false", "true")) {
                String[] common = {"SESSION_SERIALIZATION_FORMAT", codec, "SESSION_DELTA_WRITES", deltas};
                formats.add(Arguments.of(codec + " plain deltas=" + deltas, format(common)));
                formats.add(Arguments.of(codec + " signed deltas=" + deltas, format(with(common, "SECRET_KEY", "k"))));
                formats.add(Arguments.of(codec + " sealed deltas=" + deltas,
                        format(with(common, "SECRET_KEY", "k", "SESSION_ENCRYPT", "true"))));
            }
        }
        return formats.build();
    }

    private static String[] with(String[] settings, String... more) {
        String[] all = Arrays.copyOf(settings, settings.length + more.length);
        System.arraycopy(more, 0, all, settings.length, more.length);
        return all;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One field of a section: tag, length (2), value. */
    static byte[] field(int tag, byte... value) {
        return concat(new byte[] {(byte) tag, (byte) (value.length >>> 8), (byte) value.length}, value);
    }

    static byte[] time(long seconds, int nanos) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(seconds);
            out.writeInt(nanos);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A hand-built plain version 3 record, msgpack, its section declared as {@code declared} bytes. */
    static byte[] envelope(long declared, byte[] section, byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes("S4J");
            out.write(new byte[] {3, 0, 1});
            out.writeLong(CREATED.getEpochSecond());
            out.writeInt(CREATED.getNano());
            out.writeByte(1);
            out.writeInt((int) declared);
            out.write(section);
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    static byte[] envelope(byte[]... fields) {
        byte[] section = concat(fields);
        return envelope(section.length, section, EMPTY_MSGPACK_MAP);
    }

    /** A plain record signed under {@code SECRET_KEY=k}, as the writer would sign it. */
    static byte[] signed(byte[] plain) {
        byte[] bytes = Arrays.copyOf(plain, plain.length + RecordKey.MAC_LENGTH);
        bytes[4] = 1;
        byte[] mac = new RecordSeal(List.of(new RecordKey("k"))).sign(RecordSeal.bind(KEY), bytes, plain.length);
        System.arraycopy(mac, 0, bytes, plain.length, mac.length);
        return bytes;
    }

    @Nested
    class RoundTrips {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.session4j.codec.RecordExtensionsTest#formats")
        void eachFieldAloneAndAllTogetherComeBack(String name, RecordFormat format) {
            for (RecordExtensions extensions : List.of(ALL,
                    RecordExtensions.none().withPrincipal("ada"),
                    RecordExtensions.none().withSignedInAt(SIGNED_IN),
                    RecordExtensions.none().withIdleTimeout(IDLE))) {
                byte[] stored = format.write(KEY, extended(extensions));
                DecodedRecord read = format.read(KEY, stored);

                assertThat(stored[3]).as("the version").isEqualTo((byte) 3);
                assertThat(read.record()).isEqualTo(extended(extensions));
                assertThat(read.record().extensions()).isEqualTo(extensions);
                assertThat(read.needsRewrite()).isFalse();
            }
        }

        @Test
        void valuesAtTheirBoundsComeBackExactly() {
            RecordFormat format = format("SECRET_KEY", "k");
            for (RecordExtensions extensions : List.of(
                    RecordExtensions.of("Zoë 🦊 Ådahl", Instant.MIN, Duration.ofNanos(1)),
                    RecordExtensions.of("x".repeat(RecordExtensions.MAX_PRINCIPAL_BYTES), Instant.MAX,
                            Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)),
                    RecordExtensions.of("é".repeat(RecordExtensions.MAX_PRINCIPAL_BYTES / 2), Instant.EPOCH, null))) {
                assertThat(format.read(KEY, format.write(KEY, extended(extensions))).record().extensions())
                        .isEqualTo(extensions);
            }
        }

        @Test
        void theSectionIsLaidOutAsDocumented() {
            RecordExtensions all = RecordExtensions.of("ada", Instant.ofEpochSecond(1, 2), Duration.ofSeconds(1800, 5));
            byte[] stored = format().write(KEY, new SessionRecord(CREATED, true, Map.of(), all));

            assertThat(HexFormat.of().formatHex(stored)).isEqualTo("53344a030001" // S4J, version 3, plain, msgpack
                    + "0000000067c68a3f075bcd15" + "01" // createdAt, permanent
                    + "00000024" // the section: 36 bytes
                    + "010003616461" // 1 principal, 3 bytes, "ada"
                    + "02000c" + "0000000000000001" + "00000002" // 2 sign-in time, 12 bytes
                    + "03000c" + "0000000000000708" + "00000005" // 3 idle timeout, 12 bytes
                    + "00000001" + "80"); // the payload: an empty map
        }

        @Test
        void aRecordWithoutExtensionValuesIsWrittenAsBeforeVersion3() {
            for (RecordFormat format : List.of(format(), format("SECRET_KEY", "k"), format("SESSION_DELTA_WRITES", "true"))) {
                byte[] withNone = format.write(KEY, extended(RecordExtensions.of(null, null, null)));
                assertThat(withNone).isEqualTo(format.write(KEY, RecordFormatTest.sample()));
                assertThat(withNone[3]).isIn((byte) 1, (byte) 2);
                assertThat(format.read(KEY, withNone).record().extensions()).isSameAs(RecordExtensions.none());
            }
            assertThat(format().write(KEY, extended(RecordExtensions.none())))
                    .isEqualTo(HexFormat.of().parseHex(RecordCompatibilityTest.V1_PLAIN_MSGPACK));
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void anOldKeyOrAnotherModeKeepsTheExtensionsAndAsksForARewrite(boolean encrypt) {
            byte[] old = format("SECRET_KEY", "old", "SESSION_ENCRYPT", String.valueOf(encrypt)).write(KEY, extended(ALL));
            DecodedRecord rotated = format("SECRET_KEY", "new", "SECRET_KEY_FALLBACKS", "old",
                    "SESSION_ENCRYPT", String.valueOf(encrypt)).read(KEY, old);
            DecodedRecord switched = format("SECRET_KEY", "old", "SESSION_ENCRYPT", String.valueOf(!encrypt)).read(KEY, old);
            for (DecodedRecord read : List.of(rotated, switched)) {
                assertThat(read.record()).isEqualTo(extended(ALL));
                assertThat(read.needsRewrite()).isTrue();
            }
        }

        @Test
        void theOtherCodecReadsTheSection() {
            RecordFormat json = format("SESSION_SERIALIZATION_FORMAT", "json", "SECRET_KEY", "k");
            RecordFormat msgpack = format("SECRET_KEY", "k");
            assertThat(msgpack.read(KEY, json.write(KEY, extended(ALL))).record()).isEqualTo(extended(ALL));
            assertThat(json.read(KEY, msgpack.write(KEY, extended(ALL))).record()).isEqualTo(extended(ALL));
        }

        @Test
        void aSealedRecordHoldsNoPrincipalInClear() {
            RecordFormat sealed = format("SECRET_KEY", "k", "SESSION_ENCRYPT", "true");
            String text = new String(sealed.write(KEY, extended(ALL)), StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("grace");
        }

        @Test
        void aDecodedRecordKeepsItsExtensionsWithOtherAttributes() {
            DecodedRecord read = format().read(KEY, format().write(KEY, extended(ALL)));
            assertThat(read.withAttributes(Map.of("a", 1)).record().extensions()).isEqualTo(ALL);
            assertThat(read.record().withAttributes(Map.of()).extensions()).isEqualTo(ALL);
        }
    }

    @Nested
    class Values {

        @Test
        void noneHasNothingAndTheThreeArgumentRecordHasNone() {
            assertThat(RecordExtensions.none().principal()).isEmpty();
            assertThat(RecordExtensions.none().signedInAt()).isEmpty();
            assertThat(RecordExtensions.none().idleTimeout()).isEmpty();
            assertThat(RecordExtensions.none().isEmpty()).isTrue();
            assertThat(RecordExtensions.of(null, null, null)).isSameAs(RecordExtensions.none());
            assertThat(new SessionRecord(CREATED, false, Map.of()).extensions()).isSameAs(RecordExtensions.none());
            assertThatThrownBy(() -> new SessionRecord(CREATED, false, Map.of(), null))
                    .isInstanceOf(NullPointerException.class).hasMessage("extensions");
        }

        @Test
        void withersReplaceOneValue() {
            RecordExtensions one = RecordExtensions.none().withPrincipal("ada").withSignedInAt(SIGNED_IN).withIdleTimeout(IDLE);
            assertThat(one).isEqualTo(RecordExtensions.of("ada", SIGNED_IN, IDLE)).hasSameHashCodeAs(
                    RecordExtensions.of("ada", SIGNED_IN, IDLE));
            assertThat(one.withPrincipal("grace").principal()).contains("grace");
            assertThat(one.principal()).contains("ada");
            assertThat(one.signedInAt()).contains(SIGNED_IN);
            assertThat(one.idleTimeout()).contains(IDLE);
            assertThat(one.isEmpty()).isFalse();
            assertThatThrownBy(() -> one.withPrincipal(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void aPrincipalIsNotEmptyWellFormedAndAtMost1024Bytes() {
            assertThatThrownBy(() -> RecordExtensions.of("", null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the principal must not be empty");
            assertThatThrownBy(() -> RecordExtensions.none().withPrincipal("ada\ud800"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the principal holds an unpaired surrogate, which UTF-8 cannot keep");
            assertThatThrownBy(() -> RecordExtensions.none().withPrincipal("é".repeat(513)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the principal is 1026 bytes in UTF-8, over the 1024 that a record keeps");
        }

        @Test
        void anIdleTimeoutIsPositive() {
            for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
                assertThatThrownBy(() -> RecordExtensions.none().withIdleTimeout(timeout))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("the idle timeout must be positive, was " + timeout);
            }
        }

        @Test
        void toStringNeverNamesThePrincipal() {
            assertThat(ALL).hasToString("RecordExtensions[principal=set, signedInAt=2025-03-04T06:00:00.000000500Z,"
                    + " idleTimeout=PT30M0.000000007S]");
            assertThat(extended(ALL).toString()).doesNotContain("grace").contains("principal=set");
            assertThat(RecordFormatTest.sample().toString()).doesNotContain("RecordExtensions");
        }
    }

    @Nested
    class Tampering {

        /** Where the principal's value starts in a record: header, fixed fields, section length, field header. */
        private static final int PRINCIPAL_AT = 6 + 13 + 4 + 3;

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void flippingAnySingleByteOfAProtectedExtendedRecordIsDetected(boolean encrypt) {
            RecordFormat format = format("SECRET_KEY", "k", "SESSION_ENCRYPT", String.valueOf(encrypt));
            byte[] stored = format.write(KEY, extended(ALL));
            for (int i = 0; i < stored.length; i++) {
                byte[] changed = stored.clone();
                changed[i] ^= 0x01;
                int at = i;
                assertThatThrownBy(() -> format.read(KEY, changed)).as("byte %d", at)
                        .isInstanceOf(UnreadableRecordException.class);
            }
        }

        @Test
        void anotherPrincipalInASignedRecordFailsItsMac() {
            RecordFormat signed = format("SECRET_KEY", "k");
            byte[] stored = signed.write(KEY, extended(ALL));
            assertThat(new String(stored, PRINCIPAL_AT, 5, StandardCharsets.US_ASCII)).isEqualTo("grace");
            byte[] eve = stored.clone();
            System.arraycopy(utf8("eve@x"), 0, eve, PRINCIPAL_AT, 5);

            assertUnreadable(() -> signed.read(KEY, eve), Reason.BAD_MAC, "the record's MAC does not verify under"
                    + " SECRET_KEY nor any of the 0 SECRET_KEY_FALLBACKS: it was changed, moved to another store key, or"
                    + " signed with a key that is no longer configured");
        }

        @Test
        void aSectionCutOutOfASignedRecordFailsItsMac() {
            RecordFormat signed = format("SECRET_KEY", "k");
            byte[] stored = signed.write(KEY, extended(RecordExtensions.none().withPrincipal("grace")));
            int sectionEnd = 6 + 13 + 4 + 3 + 5;
            byte[] cut = concat(Arrays.copyOf(stored, 6 + 13), Arrays.copyOfRange(stored, sectionEnd, stored.length));
            cut[3] = 1; // as if it had been written without a section

            assertThatThrownBy(() -> signed.read(KEY, cut)).isInstanceOfSatisfying(UnreadableRecordException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MAC));
        }

        @Test
        void aRecordSignedWithAMalformedSectionIsRefusedAfterItsMacVerifies() {
            byte[] malformed = signed(envelope(field(1)));
            assertUnreadable(() -> format("SECRET_KEY", "k").read(KEY, malformed), Reason.MALFORMED_PAYLOAD,
                    "extension field 1 (principal) is 0 bytes, but a principal is 1 to 1024");
            malformed[malformed.length - 1] ^= 1;
            assertThatThrownBy(() -> format("SECRET_KEY", "k").read(KEY, malformed))
                    .isInstanceOfSatisfying(UnreadableRecordException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MAC));
        }
    }

    @Nested
    class Refused {

        @Test
        void aSectionLongerThanTheRecordIsTruncated() {
            byte[] section = field(1, utf8("ada"));
            assertUnreadable(() -> format().read(KEY, Arrays.copyOf(envelope(100, section, new byte[0]), 6 + 13 + 4 + 6)),
                    Reason.TRUNCATED, "the record declares an extension section of 100 bytes but holds 6");
            byte[] whole = envelope(section);
            assertUnreadable(() -> format().read(KEY, Arrays.copyOf(whole, 6 + 13 + 2)), Reason.TRUNCATED,
                    "the record ends inside its fixed fields");
            assertUnreadable(() -> format().read(KEY, Arrays.copyOf(whole, 6 + 13 + 4 + 6 + 2)), Reason.TRUNCATED,
                    "the record ends inside its fixed fields");
            assertUnreadable(() -> format().read(KEY, Arrays.copyOf(whole, whole.length - 1)), Reason.TRUNCATED,
                    "the record declares a payload of 1 bytes but holds 0");
            RecordFormat sealed = format("SECRET_KEY", "k", "SESSION_ENCRYPT", "true");
            assertUnreadable(() -> sealed.read(KEY, Arrays.copyOf(sealed.write(KEY, extended(ALL)), 40)), Reason.TRUNCATED,
                    "the encrypted record is shorter than its envelope");
            RecordFormat signed = format("SECRET_KEY", "k");
            assertUnreadable(() -> signed.read(KEY, Arrays.copyOf(signed.write(KEY, extended(ALL)), 40)), Reason.TRUNCATED,
                    "the signed record is shorter than its envelope");
        }

        @Test
        void aSectionOverItsCapIsNotRead() {
            byte[] unknown = field(0x10, new byte[ExtensionSection.MAX_LENGTH - 3]);
            assertThat(format().read(KEY, envelope(unknown)).record().extensions()).isEqualTo(RecordExtensions.none());
            byte[] over = field(0x10, new byte[ExtensionSection.MAX_LENGTH - 2]);
            assertUnreadable(() -> format().read(KEY, envelope(over)), Reason.TOO_LARGE,
                    "the record's extension section is 4097 bytes, over its cap of 4096");
            assertUnreadable(() -> format().read(KEY, envelope(0xffffffffL, new byte[0], EMPTY_MSGPACK_MAP)),
                    Reason.TOO_LARGE, "the record's extension section is 4294967295 bytes, over its cap of 4096");
            byte[] signedOver = signed(envelope(over));
            assertUnreadable(() -> format("SECRET_KEY", "k").read(KEY, signedOver), Reason.TOO_LARGE,
                    "the record's extension section is 4097 bytes, over its cap of 4096");
        }

        @Test
        void malformedFields() {
            assertMalformed("the record's extension section ends inside a field's tag and length", new byte[] {1, 0});
            assertMalformed("extension field 1 runs past the end of the record's extension section",
                    new byte[] {1, 0, 9, 'a'});
            assertMalformed("the record's extension fields are not in ascending order of tag (field 1 follows field 2)",
                    field(2, time(1, 0)), field(1, utf8("ada")));
            assertMalformed("the record's extension fields are not in ascending order of tag (field 1 follows field 1)",
                    field(1, utf8("ada")), field(1, utf8("eve")));
            assertMalformed("extension field 1 (principal) is 0 bytes, but a principal is 1 to 1024", field(1));
            assertMalformed("extension field 1 (principal) is 1025 bytes, but a principal is 1 to 1024",
                    field(1, utf8("x".repeat(1025))));
            assertMalformed("extension field 1 (principal) is not well-formed UTF-8", field(1, (byte) 'a', (byte) 0xff));
            assertMalformed("extension field 1 (principal) is not well-formed UTF-8",
                    field(1, (byte) 0xed, (byte) 0xa0, (byte) 0x80)); // an encoded surrogate
            assertMalformed("extension field 2 (sign-in time) is 11 bytes, but it is 12",
                    field(2, Arrays.copyOf(time(1, 0), 11)));
            assertMalformed("extension field 2 (sign-in time) holds an impossible time", field(2, time(1, 1_000_000_000)));
            assertMalformed("extension field 2 (sign-in time) holds an impossible time", field(2, time(1, -1)));
            assertMalformed("extension field 2 (sign-in time) holds an impossible time", field(2, time(Long.MAX_VALUE, 0)));
            assertMalformed("extension field 3 (idle timeout) is 13 bytes, but it is 12",
                    field(3, Arrays.copyOf(time(1, 0), 13)));
            for (byte[] timeout : List.of(time(0, 0), time(-1, 0), time(1, -1), time(1, 1_000_000_000))) {
                assertMalformed("extension field 3 (idle timeout) is not a positive duration", field(3, timeout));
            }
        }

        private void assertMalformed(String message, byte[]... fields) {
            byte[] record = envelope(fields);
            assertUnreadable(() -> format().read(KEY, record), Reason.MALFORMED_PAYLOAD, message);
        }

        @Test
        void anUnknownFieldIsSkippedUnlessCritical() {
            byte[] record = envelope(field(0), field(1, utf8("ada")), field(5, (byte) 1, (byte) 2),
                    field(3, time(60, 0)), field(0x7f, utf8("later")));
            assertUnreadable(() -> format().read(KEY, record), Reason.MALFORMED_PAYLOAD,
                    "the record's extension fields are not in ascending order of tag (field 3 follows field 5)");

            byte[] inOrder = envelope(field(0), field(1, utf8("ada")), field(3, time(60, 0)), field(5, (byte) 1, (byte) 2),
                    field(0x7f, utf8("later")));
            assertThat(format().read(KEY, inOrder).record().extensions())
                    .isEqualTo(RecordExtensions.of("ada", null, Duration.ofMinutes(1)));
            assertThat(format("SECRET_KEY", "k").read(KEY, signed(inOrder)).record().extensions().principal()).contains("ada");

            for (int critical : new int[] {0x80, 0xc1, 0xff}) {
                byte[] withCritical = envelope(field(1, utf8("ada")), field(critical, (byte) 1));
                assertUnreadable(() -> format().read(KEY, withCritical), Reason.UNSUPPORTED_VERSION,
                        "the record has critical extension field " + critical + ", which this session4j does not know (was"
                                + " it written by a newer session4j?)");
            }
        }

        @Test
        void anEmptySectionIsReadAsNone() {
            assertThat(format().read(KEY, envelope()).record()).isEqualTo(new SessionRecord(CREATED, true, Map.of()));
        }

        @Test
        void messagesNeverQuoteTheSection() {
            byte[] record = envelope(field(1, utf8("hunter2")), field(2, utf8("hunter2hunter")));
            assertThatThrownBy(() -> format().read(KEY, record)).isInstanceOf(UnreadableRecordException.class)
                    .message().doesNotContain("hunter2");
        }
    }

    @Nested
    class SizeCap {

        @Test
        void theSectionCountsTowardsTheCapOnWriteAndRead() {
            SessionRecord record = extended(RecordExtensions.none().withPrincipal("p".repeat(1000)));
            int size = format().write(KEY, record).length;
            assertThat(size).isEqualTo(format().write(KEY, RecordFormatTest.sample()).length + 4 + 3 + 1000);

            assertThatThrownBy(() -> format("SESSION_MAX_SIZE", String.valueOf(size - 1)).write(KEY, record))
                    .isExactlyInstanceOf(SessionEncodingException.class)
                    .hasMessage("the session is " + size + " bytes encoded, over SESSION_MAX_SIZE=" + (size - 1)
                            + "; store less in the session or raise SESSION_MAX_SIZE");
            byte[] stored = format("SESSION_MAX_SIZE", String.valueOf(size)).write(KEY, record);
            assertUnreadable(() -> format("SESSION_MAX_SIZE", String.valueOf(size - 1)).read(KEY, stored), Reason.TOO_LARGE,
                    "the record is " + size + " bytes, over SESSION_MAX_SIZE=" + (size - 1));
        }

        @Test
        void theLargestSectionAWriterMakesIsFarUnderTheSectionCap() {
            RecordExtensions largest = RecordExtensions.of("x".repeat(RecordExtensions.MAX_PRINCIPAL_BYTES), Instant.MAX,
                    Duration.ofSeconds(Long.MAX_VALUE));
            int withSection = format().write(KEY, new SessionRecord(CREATED, true, Map.of(), largest)).length;
            int without = format().write(KEY, new SessionRecord(CREATED, true, Map.of())).length;
            assertThat(withSection - without - 4).isLessThan(ExtensionSection.MAX_LENGTH / 2);
        }
    }

    @Nested
    class Frames {

        private static final RecordFormat PLAIN = format("SESSION_DELTA_WRITES", "true");
        private static final RecordFormat SIGNED = format("SESSION_DELTA_WRITES", "true", "SECRET_KEY", "k");
        private static final RecordFormat SIGNED_JSON = format("SESSION_DELTA_WRITES", "true", "SECRET_KEY", "k",
                "SESSION_SERIALIZATION_FORMAT", "json");

        private static SessionRecord large() {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("data", new byte[10_000]);
            attributes.put("counter", 1L);
            return new SessionRecord(CREATED, true, attributes, ALL);
        }

        static Stream<RecordFormat> appending() {
            return Stream.of(PLAIN, SIGNED, SIGNED_JSON);
        }

        @ParameterizedTest
        @MethodSource("appending")
        void framesAfterAnExtendedRecordKeepItsExtensions(RecordFormat format) {
            byte[] stored = format.write(KEY, large());
            DecodedRecord computed = format.read(KEY, stored);
            assertThat(computed.chain().appendable()).isTrue();
            for (long counter = 2; counter <= 4; counter++) {
                byte[] frame = format.writeDelta(KEY, computed.chain(), Map.of("counter", counter), Set.of("absent"))
                        .orElseThrow();
                stored = concat(stored, frame);
                computed = format.afterAppend(computed, frame);
                DecodedRecord read = format.read(KEY, stored);

                assertThat(read.record().extensions()).isEqualTo(ALL);
                assertThat(computed.record().extensions()).isEqualTo(ALL);
                assertThat(read.record().attributes()).containsEntry("counter", counter);
                assertThat(computed.record().attributes()).containsExactlyEntriesOf(read.record().attributes());
                assertThat(computed.chain().toString()).isEqualTo(read.chain().toString());
                assertThat(computed.chain().lastMac()).isEqualTo(read.chain().lastMac());
            }
            assertThat(stored[3]).isEqualTo((byte) 3);
        }

        @Test
        void aFrameAfterAnExtendedSignedRecordCannotBeChangedNorMovedToAnotherRecord() {
            byte[] base = SIGNED.write(KEY, large());
            byte[] frame = SIGNED.writeDelta(KEY, SIGNED.read(KEY, base).chain(), Map.of("counter", 2L), Set.of())
                    .orElseThrow();
            byte[] stored = concat(base, frame);
            for (int i = base.length; i < stored.length; i++) {
                byte[] changed = stored.clone();
                changed[i] ^= 0x01;
                assertThatThrownBy(() -> SIGNED.read(KEY, changed)).isInstanceOf(UnreadableRecordException.class);
            }
            SessionRecord otherPrincipal = new SessionRecord(CREATED, true, large().attributes(), ALL.withPrincipal("eve"));
            assertThatThrownBy(() -> SIGNED.read(KEY, concat(SIGNED.write(KEY, otherPrincipal), frame)))
                    .isInstanceOfSatisfying(UnreadableRecordException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MAC));
        }

        @Test
        void withDeltasOffAnExtendedRecordTakesNoFrameButFramedOnesStayReadable() {
            RecordFormat off = format();
            assertThat(off.read(KEY, off.write(KEY, large())).chain().appendable()).isFalse();
            byte[] base = PLAIN.write(KEY, large());
            byte[] framed = concat(base, PLAIN.writeDelta(KEY, PLAIN.read(KEY, base).chain(), Map.of("counter", 2L), Set.of())
                    .orElseThrow());

            DecodedRecord read = off.read(KEY, framed);
            assertThat(read.record().extensions()).isEqualTo(ALL);
            assertThat(read.record().attributes()).containsEntry("counter", 2L);
            assertThat(read.chain().appendable()).isFalse();
        }

        @Test
        void anExtendedSealedRecordTakesNoFrame() {
            RecordFormat sealed = format("SESSION_DELTA_WRITES", "true", "SECRET_KEY", "k", "SESSION_ENCRYPT", "true");
            byte[] stored = sealed.write(KEY, large());
            DecodedRecord read = sealed.read(KEY, stored);
            assertThat(stored[3]).isEqualTo((byte) 3);
            assertThat(read.chain().appendable()).isFalse();
            assertThat(sealed.writeDelta(KEY, read.chain(), Map.of("counter", 2L), Set.of())).isEmpty();
            assertThat(read.record().extensions()).isEqualTo(ALL);
        }

        @Test
        void aFrameIsTheSameAfterAnExtendedRecord() {
            byte[] plainBase = PLAIN.write(KEY, new SessionRecord(CREATED, true, large().attributes()));
            byte[] extendedBase = PLAIN.write(KEY, large());
            Map<String, Object> puts = attributes("counter", 2L);
            assertThat(PLAIN.writeDelta(KEY, PLAIN.read(KEY, extendedBase).chain(), puts, Set.of()).orElseThrow())
                    .isEqualTo(PLAIN.writeDelta(KEY, PLAIN.read(KEY, plainBase).chain(), puts, Set.of()).orElseThrow());
        }
    }
}
