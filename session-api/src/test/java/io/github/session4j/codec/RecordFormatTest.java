package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.attributes;
import static io.github.session4j.codec.Fixtures.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.awt.Point;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordFormatTest {

    static final String KEY = "session:k7Bq0Yt1lUe8cS4mW2aNxZ9pR3vJ6hGdF5oE_iT-Lw";
    static final Instant CREATED = Instant.parse("2025-03-04T05:06:07.123456789Z");

    static SessionRecord record(Map<String, Object> attributes) {
        return new SessionRecord(CREATED, true, attributes);
    }

    static SessionRecord sample() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("user", "ada");
        attributes.put("visits", 3);
        attributes.put("cart", List.of(1L, "two"));
        return record(attributes);
    }

    static void assertUnreadable(ThrowingCallable read, Reason reason, String message) {
        assertThatThrownBy(read)
                .isInstanceOfSatisfying(UnreadableRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessage(message)
                .hasNoCause();
    }

    /** A hand-built envelope, to reach every branch of the reader. */
    static byte[] envelope(int version, int flags, int codec, int declaredLength, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("S4J");
        out.writeByte(version);
        out.writeByte(flags);
        out.writeByte(codec);
        out.writeLong(CREATED.getEpochSecond());
        out.writeInt(CREATED.getNano());
        out.writeByte(1);
        out.writeInt(declaredLength);
        out.write(payload);
        return bytes.toByteArray();
    }

    static byte[] envelope(int codec, byte[] payload) throws IOException {
        return envelope(1, 0, codec, payload.length, payload);
    }

    @Nested
    class RoundTrips {

        @ParameterizedTest
        @ValueSource(strings = {"msgpack", "json"})
        void unsignedSignedAndSealedRecordsComeBackWhole(String codec) {
            for (RecordFormat format : List.of(
                    format("SESSION_SERIALIZATION_FORMAT", codec),
                    format("SESSION_SERIALIZATION_FORMAT", codec, "SECRET_KEY", "k1"),
                    format("SESSION_SERIALIZATION_FORMAT", codec, "SECRET_KEY", "k1", "SESSION_ENCRYPT", "true"))) {
                DecodedRecord read = format.read(KEY, format.write(KEY, sample()));
                assertThat(read.record()).isEqualTo(sample());
                assertThat(read.record().createdAt()).isEqualTo(CREATED);
                assertThat(read.record().permanent()).isTrue();
                assertThat(read.signedWithFallbackKey()).isFalse();
                assertThat(read.needsRewrite()).isFalse();
                assertThat(format.codec().name()).isEqualTo(codec);
            }
            RecordFormat plain = format();
            SessionRecord notPermanent = new SessionRecord(Instant.EPOCH, false, Map.of());
            assertThat(plain.read(KEY, plain.write(KEY, notPermanent)).record()).isEqualTo(notPermanent);
        }

        @Test
        void recordsWrittenInTheOtherFormatStayReadable() {
            RecordFormat json = format("SESSION_SERIALIZATION_FORMAT", "json", "SECRET_KEY", "k1");
            RecordFormat msgpack = format("SECRET_KEY", "k1");
            assertThat(msgpack.read(KEY, json.write(KEY, sample())).record()).isEqualTo(sample());
            assertThat(json.read(KEY, msgpack.write(KEY, sample())).record()).isEqualTo(sample());
        }

        @Test
        void theEnvelopeStartsWithItsMagicVersionFlagsAndCodec() {
            assertThat(Arrays.copyOf(format().write(KEY, sample()), 6)).containsExactly('S', '4', 'J', 1, 0, 1);
            assertThat(Arrays.copyOf(format("SECRET_KEY", "k").write(KEY, sample()), 6))
                    .containsExactly('S', '4', 'J', 1, 1, 1);
            assertThat(Arrays.copyOf(format("SECRET_KEY", "k", "SESSION_ENCRYPT", "true",
                    "SESSION_SERIALIZATION_FORMAT", "json").write(KEY, sample()), 6))
                    .containsExactly('S', '4', 'J', 1, 2, 2);
        }

        @Test
        void checkValueIsThePutTimeCheck() {
            RecordFormat format = format("SESSION_MAX_DEPTH", "2");
            format.checkValue("ok", List.of(List.of()));
            assertThatThrownBy(() -> format.checkValue("deep", List.of(List.of(List.of()))))
                    .isExactlyInstanceOf(SessionEncodingException.class)
                    .hasMessageStartingWith("session key 'deep[0][0]' nests deeper than SESSION_MAX_DEPTH=2");
            assertThatThrownBy(() -> format.checkValue("p", new Point()))
                    .hasMessageStartingWith("session key 'p' holds a java.awt.Point, which is not a supported");
            assertThatThrownBy(() -> format.write(KEY, record(attributes("p", new Point()))))
                    .hasMessageStartingWith("session key 'p' holds a java.awt.Point, which is not a supported");
        }
    }

    @Nested
    class SizeCap {

        @ParameterizedTest
        @ValueSource(strings = {"", "SECRET_KEY", "SESSION_ENCRYPT"})
        void aRecordOverTheCapIsRefusedWithItsExactSize(String protection) {
            String[] settings = switch (protection) {
                case "SECRET_KEY" -> new String[] {"SECRET_KEY", "k"};
                case "SESSION_ENCRYPT" -> new String[] {"SECRET_KEY", "k", "SESSION_ENCRYPT", "true"};
                default -> new String[0];
            };
            SessionRecord big = record(attributes("blob", "x".repeat(2000)));
            int size = format(settings).write(KEY, big).length;
            String[] capped = Arrays.copyOf(settings, settings.length + 2);
            capped[settings.length] = "SESSION_MAX_SIZE";
            capped[settings.length + 1] = "1KB";

            assertThatThrownBy(() -> format(capped).write(KEY, big))
                    .isExactlyInstanceOf(SessionEncodingException.class)
                    .hasMessage("the session is " + size + " bytes encoded, over SESSION_MAX_SIZE=1024; store less in"
                            + " the session or raise SESSION_MAX_SIZE");
            capped[settings.length + 1] = String.valueOf(size);
            assertThat(format(capped).write(KEY, big)).hasSize(size);
        }

        @Test
        void aStoredRecordOverTheCapIsNotDecoded() {
            byte[] big = format().write(KEY, record(attributes("blob", "x".repeat(2000))));
            assertUnreadable(() -> format("SESSION_MAX_SIZE", "1024").read(KEY, big), Reason.TOO_LARGE,
                    "the record is " + big.length + " bytes, over SESSION_MAX_SIZE=1024");
        }

        @Test
        void aDeclaredLengthLargerThanTheInputFailsBeforeAnyAllocation() throws IOException {
            // msgpack: a map of one entry "v" -> bin32 declaring 2 GB, in a few bytes
            byte[] payload = {(byte) 0x81, (byte) 0xa1, 'v', (byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1};
            byte[] stored = envelope(1, payload);
            RecordFormat format = format();
            assertUnreadable(() -> format.read(KEY, stored), Reason.TRUNCATED, "the payload declares more data than it holds");

            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> format.read(KEY, stored)).isInstanceOf(UnreadableRecordException.class);
            }
            assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1_000_000);
        }
    }

    @Nested
    class Reasons {

        @Test
        void truncated() throws IOException {
            RecordFormat plain = format();
            byte[] whole = plain.write(KEY, sample());
            assertUnreadable(() -> plain.read(KEY, new byte[0]), Reason.TRUNCATED, "the record is shorter than its header");
            assertUnreadable(() -> plain.read(KEY, Arrays.copyOf(whole, 5)), Reason.TRUNCATED,
                    "the record is shorter than its header");
            assertUnreadable(() -> plain.read(KEY, Arrays.copyOf(whole, 20)), Reason.TRUNCATED,
                    "the record ends inside its fixed fields");
            assertUnreadable(() -> plain.read(KEY, Arrays.copyOf(whole, whole.length - 1)), Reason.TRUNCATED,
                    "the record declares a payload of " + (whole.length - 23) + " bytes but holds " + (whole.length - 24));
            byte[] cutPayload = envelope(2, "{\"a\":[\"l\",1".getBytes(StandardCharsets.UTF_8));
            assertUnreadable(() -> plain.read(KEY, cutPayload), Reason.TRUNCATED, "the payload ends in the middle of a value");
            RecordFormat signed = format("SECRET_KEY", "k");
            assertUnreadable(() -> signed.read(KEY, Arrays.copyOf(signed.write(KEY, sample()), 30)), Reason.TRUNCATED,
                    "the signed record is shorter than its envelope");
            RecordFormat sealed = format("SECRET_KEY", "k", "SESSION_ENCRYPT", "true");
            assertUnreadable(() -> sealed.read(KEY, Arrays.copyOf(sealed.write(KEY, sample()), 40)), Reason.TRUNCATED,
                    "the encrypted record is shorter than its envelope");
        }

        @Test
        void unknownFormat() throws IOException {
            String message = "the record does not start with the session4j magic bytes: it was not written by"
                    + " session4j's RecordFormat";
            assertUnreadable(() -> format().read(KEY, "hello".getBytes(StandardCharsets.US_ASCII)),
                    Reason.UNKNOWN_FORMAT, message);
            assertUnreadable(() -> format().read(KEY, "{\"user\":\"ada\"}".getBytes(StandardCharsets.US_ASCII)),
                    Reason.UNKNOWN_FORMAT, message);
            assertUnreadable(() -> format().read(KEY, envelope(1, 0, 9, 0, new byte[0])), Reason.UNKNOWN_FORMAT,
                    "the record names codec 9, which is neither 1 (msgpack) nor 2 (json)");
        }

        @Test
        void unsupportedVersion() throws IOException {
            assertUnreadable(() -> format().read(KEY, envelope(4, 0, 1, 0, new byte[0])), Reason.UNSUPPORTED_VERSION,
                    "the record has envelope version 4 but this session4j reads versions 1, 2 and 3 (was it written by a"
                            + " newer session4j?)");
            assertUnreadable(() -> format("SECRET_KEY", "k").read(KEY, envelope(2, 2, 1, 0, new byte[0])),
                    Reason.UNSUPPORTED_VERSION, "the record is encrypted in envelope version 2, which only plain and signed"
                            + " records use (was it written by a newer session4j?)");
            assertUnreadable(() -> format().read(KEY, envelope(1, 4, 1, 0, new byte[0])), Reason.UNSUPPORTED_VERSION,
                    "the record has envelope flags 4 that this session4j does not know (was it written by a newer"
                            + " session4j?)");
            assertUnreadable(() -> format().read(KEY, envelope(1, 3, 1, 0, new byte[0])), Reason.UNSUPPORTED_VERSION,
                    "the record has envelope flags 3 that this session4j does not know (was it written by a newer"
                            + " session4j?)");
        }

        @Test
        void missingMacIsADowngrade() {
            byte[] signed = format("SECRET_KEY", "k").write(KEY, sample());
            byte[] stripped = Arrays.copyOf(signed, signed.length - 32);
            stripped[4] = 0;
            String message = "the record carries no MAC but SECRET_KEY is set: it was written before SECRET_KEY was"
                    + " set, or tampered with";
            assertUnreadable(() -> format("SECRET_KEY", "k").read(KEY, stripped), Reason.MISSING_MAC, message);
            assertUnreadable(() -> format("SECRET_KEY", "k").read(KEY, format().write(KEY, sample())),
                    Reason.MISSING_MAC, message);
        }

        @Test
        void unexpectedMac() {
            assertUnreadable(() -> format().read(KEY, format("SECRET_KEY", "k").write(KEY, sample())),
                    Reason.UNEXPECTED_MAC, "the record is signed but no SECRET_KEY is set: set SECRET_KEY as when it"
                            + " was written");
            assertUnreadable(() -> format().read(KEY,
                    format("SECRET_KEY", "k", "SESSION_ENCRYPT", "true").write(KEY, sample())),
                    Reason.UNEXPECTED_MAC, "the record is encrypted but no SECRET_KEY is set: set SECRET_KEY as when"
                            + " it was written");
        }

        @Test
        void badMac() {
            byte[] signed = format("SECRET_KEY", "old").write(KEY, sample());
            assertUnreadable(() -> format("SECRET_KEY", "new", "SECRET_KEY_FALLBACKS", "older,oldest").read(KEY, signed),
                    Reason.BAD_MAC, "the record's MAC does not verify under SECRET_KEY nor any of the 2"
                            + " SECRET_KEY_FALLBACKS: it was changed, moved to another store key, or signed with a key"
                            + " that is no longer configured");
            byte[] sealed = format("SECRET_KEY", "old", "SESSION_ENCRYPT", "true").write(KEY, sample());
            assertUnreadable(() -> format("SECRET_KEY", "new", "SESSION_ENCRYPT", "true").read(KEY, sealed),
                    Reason.BAD_MAC, "the encrypted record does not authenticate under SECRET_KEY nor any of the 0"
                            + " SECRET_KEY_FALLBACKS: it was changed, moved to another store key, or sealed with a key"
                            + " that is no longer configured");
        }

        @Test
        void tooDeep() {
            byte[] deep = format("SESSION_MAX_DEPTH", "100").write(KEY, record(attributes("l", CodecLimitsTest.nested(40))));
            assertUnreadable(() -> format().read(KEY, deep), Reason.TOO_DEEP,
                    "the payload nests deeper than SESSION_MAX_DEPTH=32");
        }

        @Test
        void unknownValueType() {
            ValueTypes money = ValueTypes.of(ValueTypeTest.MONEY);
            byte[] withMoney = format(money).write(KEY,
                    record(attributes("m", new ValueTypeTest.Money(java.math.BigDecimal.TEN, "EUR"))));
            assertUnreadable(() -> format().read(KEY, withMoney), Reason.UNKNOWN_VALUE_TYPE,
                    "the record holds a value of registered type 'money', which is not registered here; register it"
                            + " with ValueType.of(...) as when the record was written");
        }

        @Test
        void malformedPayload() throws IOException {
            RecordFormat plain = format();
            assertUnreadable(() -> plain.read(KEY, envelope(2, "not json".getBytes(StandardCharsets.UTF_8))),
                    Reason.MALFORMED_PAYLOAD, "the json payload is malformed (JsonParseException)");
            assertUnreadable(() -> plain.read(KEY, envelope(2, "[1]".getBytes(StandardCharsets.UTF_8))),
                    Reason.MALFORMED_PAYLOAD, "the payload does not start with a map of attributes");
            assertUnreadable(() -> plain.read(KEY, envelope(2, "{} {}".getBytes(StandardCharsets.UTF_8))),
                    Reason.MALFORMED_PAYLOAD, "the payload has data after its map of attributes");
            assertUnreadable(() -> plain.read(KEY, envelope(2, "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8))),
                    Reason.MALFORMED_PAYLOAD, "a map in the payload holds the same key twice");
            assertUnreadable(() -> plain.read(KEY, envelope(2, "{\"a\":[\"?\",1]}".getBytes(StandardCharsets.UTF_8))),
                    Reason.MALFORMED_PAYLOAD, "the payload holds an unknown type tag");
            assertUnreadable(() -> plain.read(KEY, envelope(2, "{\"a\":5000000000}".getBytes(StandardCharsets.UTF_8))),
                    Reason.MALFORMED_PAYLOAD, "an integer in the payload is out of range for its type");
            assertUnreadable(() -> plain.read(KEY, envelope(2, "{\"a\":[\"u\",\"1-1-1-1-1\"]}".getBytes(StandardCharsets.UTF_8))),
                    Reason.MALFORMED_PAYLOAD, "a tagged UUID in the payload is not in canonical form");
            byte[] trailing = format().write(KEY, sample());
            byte[] longer = Arrays.copyOf(trailing, trailing.length + 1);
            longer[19] = 0; // declared payload length shrinks below what follows
            longer[20] = 0;
            longer[21] = 0;
            longer[22] = 1;
            assertUnreadable(() -> plain.read(KEY, longer), Reason.MALFORMED_PAYLOAD, "the record has data after its payload");
        }

        @Test
        void messagesNeverQuoteTheRecord() throws IOException {
            byte[] secretPayload = "{\"password\":hunter2}".getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> format().read(KEY, envelope(2, secretPayload)))
                    .isInstanceOf(UnreadableRecordException.class)
                    .hasNoCause()
                    .message().doesNotContain("hunter2").doesNotContain("password");
        }
    }

    @Nested
    class Keys {

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void anOldKeyInTheFallbacksKeepsRecordsReadableAndAsksForARewrite(boolean encrypt) {
            String mode = String.valueOf(encrypt);
            byte[] old = format("SECRET_KEY", "old-key", "SESSION_ENCRYPT", mode).write(KEY, sample());
            RecordFormat rotated = format("SECRET_KEY", "new-key", "SECRET_KEY_FALLBACKS", "older-key, old-key",
                    "SESSION_ENCRYPT", mode);

            DecodedRecord read = rotated.read(KEY, old);
            assertThat(read.record()).isEqualTo(sample());
            assertThat(read.signedWithFallbackKey()).isTrue();
            assertThat(read.needsRewrite()).isTrue();

            DecodedRecord rewritten = rotated.read(KEY, rotated.write(KEY, read.record()));
            assertThat(rewritten.signedWithFallbackKey()).isFalse();
            assertThat(format("SECRET_KEY", "new-key", "SESSION_ENCRYPT", mode)
                    .read(KEY, rotated.write(KEY, read.record())).record()).isEqualTo(sample());
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void aRecordMovedToAnotherStoreKeyFailsItsMac(boolean encrypt) {
            RecordFormat format = format("SECRET_KEY", "k", "SESSION_ENCRYPT", String.valueOf(encrypt));
            byte[] stored = format.write(KEY, sample());
            assertThatThrownBy(() -> format.read("session:someone-else", stored))
                    .isInstanceOfSatisfying(UnreadableRecordException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_MAC));
            // the key is length-prefixed: shifting bytes between key and record does not help
            assertThatThrownBy(() -> format.read(KEY.substring(0, KEY.length() - 1), stored))
                    .isInstanceOf(UnreadableRecordException.class);
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void flippingAnySingleByteOfAProtectedRecordIsDetected(boolean encrypt) {
            RecordFormat format = format("SECRET_KEY", "k", "SECRET_KEY_FALLBACKS", "k0",
                    "SESSION_ENCRYPT", String.valueOf(encrypt));
            byte[] stored = format.write(KEY, sample());
            for (int i = 0; i < stored.length; i++) {
                for (int mask : new int[] {0x01, 0x80, 0xff}) {
                    byte[] changed = stored.clone();
                    changed[i] ^= (byte) mask;
                    int at = i;
                    assertThatThrownBy(() -> format.read(KEY, changed))
                            .as("byte %d xor %02x", at, mask)
                            .isInstanceOf(UnreadableRecordException.class);
                }
            }
            assertThat(format.read(KEY, stored).record()).isEqualTo(sample());
        }

        @Test
        void sealedRecordsHoldNoPlaintextAndNeverRepeat() {
            RecordFormat sealed = format("SECRET_KEY", "k", "SESSION_ENCRYPT", "true",
                    "SESSION_SERIALIZATION_FORMAT", "json");
            SessionRecord secret = record(attributes("card-number", "4111111111111111"));
            byte[] first = sealed.write(KEY, secret);
            byte[] second = sealed.write(KEY, secret);
            String text = new String(first, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("4111").doesNotContain("card").doesNotContain(KEY.substring(8));
            assertThat(first).isNotEqualTo(second);
            assertThat(sealed.read(KEY, second).record()).isEqualTo(secret);
        }

        @Test
        void switchingEncryptionOnOrOffKeepsRecordsReadableAndAsksForARewrite() {
            RecordFormat signed = format("SECRET_KEY", "k");
            RecordFormat sealed = format("SECRET_KEY", "k", "SESSION_ENCRYPT", "true");
            DecodedRecord signedReadBySealed = sealed.read(KEY, signed.write(KEY, sample()));
            DecodedRecord sealedReadBySigned = signed.read(KEY, sealed.write(KEY, sample()));
            for (DecodedRecord read : List.of(signedReadBySealed, sealedReadBySigned)) {
                assertThat(read.record()).isEqualTo(sample());
                assertThat(read.outdatedProtection()).isTrue();
                assertThat(read.signedWithFallbackKey()).isFalse();
                assertThat(read.needsRewrite()).isTrue();
            }
        }
    }

    @Nested
    class Settings {

        @Test
        void everyBadSettingIsReportedTogetherWithoutTheSecrets() {
            assertThatThrownBy(() -> format("SESSION_SERIALIZATION_FORMAT", "xml", "SESSION_MAX_SIZE", "lots",
                    "SESSION_MAX_DEPTH", "0", "SESSION_ENCRYPT", "yes", "SECRET_KEY_FALLBACKS", "hunter2"))
                    .isExactlyInstanceOf(SessionConfigException.class)
                    .hasMessage("Invalid session4j configuration (5 problems):\n"
                            + "  - SESSION_SERIALIZATION_FORMAT was 'xml' but it must be one of json, msgpack\n"
                            + "  - SECRET_KEY_FALLBACKS is set but SECRET_KEY is not: fallbacks are older keys kept"
                            + " while rotating, so set SECRET_KEY to the current key\n"
                            + "  - SESSION_MAX_SIZE was 'lots' but it must be a size in bytes such as 512, 64KB, 1MB or"
                            + " 1MiB (KB, MB and GB count in 1024s, like KiB, MiB and GiB)\n"
                            + "  - SESSION_MAX_DEPTH was '0' but it must be between 1 and 1000\n"
                            + "  - SESSION_ENCRYPT was 'yes' but it must be true or false")
                    .hasMessageNotContaining("hunter2");
            assertThatThrownBy(() -> format("SESSION_ENCRYPT", "true", "SESSION_MAX_DEPTH", "x"))
                    .hasMessage("Invalid session4j configuration (2 problems):\n"
                            + "  - SESSION_MAX_DEPTH was 'x' but it must be an integer\n"
                            + "  - SESSION_ENCRYPT was 'true' but SECRET_KEY is not set: set SECRET_KEY to a random"
                            + " value of at least 32 bytes, or set SESSION_ENCRYPT=false");
            assertThatThrownBy(() -> format("SESSION_MAX_SIZE", "2GB")).hasMessage(
                    "Invalid session4j configuration (1 problem):\n"
                            + "  - SESSION_MAX_SIZE was '2GB' but it must be between 1 byte and 1GiB");
        }

        @Test
        void sizesTakeBytesKilobytesOrMegabytesAndEitherSpelling() {
            assertThat(format().maxSize()).isEqualTo(524_288);
            assertThat(format("SESSION_MAX_SIZE", "4096").maxSize()).isEqualTo(4096);
            assertThat(format("SESSION_MAX_SIZE", "64kb").maxSize()).isEqualTo(65_536);
            assertThat(format("session.max.size", " 2 MB ").maxSize()).isEqualTo(2_097_152);
            assertThat(format("session.serialization.format", "JSON").codec().name()).isEqualTo("json");
        }

        @Test
        void toStringMasksTheSecrets() {
            assertThat(format("SECRET_KEY", "hunter2", "SECRET_KEY_FALLBACKS", "swordfish"))
                    .hasToString("RecordFormat[RecordSettings[format=msgpack, secretKey=****, fallbackKeys=1,"
                            + " maxSize=524288, maxDepth=32, encrypt=false, deltaWrites=false, serializableClasses=[]]]");
        }
    }
}
