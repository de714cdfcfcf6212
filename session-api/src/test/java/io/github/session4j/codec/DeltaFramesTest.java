package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.format;
import static io.github.session4j.codec.RecordFormatTest.CREATED;
import static io.github.session4j.codec.RecordFormatTest.KEY;
import static io.github.session4j.codec.RecordFormatTest.assertUnreadable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Delta frames after a version 2 record: what {@code RecordFormat.writeDelta} writes and {@code read} applies. */
class DeltaFramesTest {

    private static final String ON = "SESSION_DELTA_WRITES";
    private static final RecordFormat PLAIN = format(ON, "true");
    private static final RecordFormat SIGNED = format(ON, "true", "SECRET_KEY", "k");

    /** A record of about 10 KB: large enough for frames. */
    private static SessionRecord large() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("data", new byte[10_000]);
        attributes.put("counter", 1L);
        attributes.put("user", "ada");
        return new SessionRecord(CREATED, true, attributes);
    }

    private static RecordFormat plainOrSigned(boolean signed) {
        return signed ? SIGNED : PLAIN;
    }

    private static Class<?> classOf(Object value) {
        return value == null ? Void.class : value.getClass();
    }

    private static byte[] concat(byte[] first, byte[]... more) {
        byte[] all = first;
        for (byte[] next : more) {
            byte[] joined = Arrays.copyOf(all, all.length + next.length);
            System.arraycopy(next, 0, joined, all.length, next.length);
            all = joined;
        }
        return all;
    }

    /** Appends one frame to a stored record, as a backend would, and returns the new stored bytes. */
    private static byte[] append(RecordFormat format, String key, byte[] stored, Map<String, Object> puts, Set<String> removals) {
        DeltaChain chain = format.read(key, stored).chain();
        byte[] frame = format.writeDelta(key, chain, puts, removals)
                .orElseThrow(() -> new AssertionError("no frame for " + chain));
        return concat(stored, frame);
    }

    @Nested
    class Applying {

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void theChainAfterAnAppendIsTheOneReadingTheRecordWithTheFrameGives(boolean signed) {
            RecordFormat format = plainOrSigned(signed);
            byte[] stored = format.write(KEY, large());
            for (long counter = 2; counter <= 5; counter++) {
                DeltaChain before = format.read(KEY, stored).chain();
                byte[] frame = format.writeDelta(KEY, before, Map.of("counter", counter), Set.of()).orElseThrow();
                stored = concat(stored, frame);

                DeltaChain computed = format.afterAppend(before, frame);
                DeltaChain read = format.read(KEY, stored).chain();

                assertThat(computed.toString()).as("chain after frame %d", counter - 1).isEqualTo(read.toString());
                assertThat(computed.appendable()).isEqualTo(read.appendable());
                assertThat(computed.lastMac()).as("the MAC the next frame chains to").isEqualTo(read.lastMac());
                assertThat(computed.codecId()).isEqualTo(read.codecId());
            }
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void theRecordAfterAnAppendIsTheOneReadingTheRecordWithTheFrameGives(boolean signed) {
            RecordFormat format = plainOrSigned(signed);
            byte[] stored = format.write(KEY, large());
            DecodedRecord computed = format.read(KEY, stored);
            Map<String, Object> puts = new LinkedHashMap<>();
            puts.put("counter", 7);
            puts.put("cart", Map.of("items", java.util.List.of("book", 2L)));
            puts.put("user", null);
            for (Set<String> removals : java.util.List.of(Set.<String>of(), Set.of("cart"), Set.of("user", "absent"))) {
                byte[] frame = format.writeDelta(KEY, computed.chain(), puts, removals).orElseThrow();
                stored = concat(stored, frame);

                DecodedRecord before = computed;
                Map<String, Object> beforeAttributes = new LinkedHashMap<>(before.record().attributes());
                computed = format.afterAppend(before, frame);
                DecodedRecord read = format.read(KEY, stored);

                assertThat(before.record().attributes()).as("the record before the append, left as it was")
                        .containsExactlyEntriesOf(beforeAttributes);

                Map<String, Object> attributes = read.record().attributes();
                Map<String, Object> computedAttributes = computed.record().attributes();
                assertThat(computedAttributes).as("attributes after removing %s", removals)
                        .containsExactlyEntriesOf(attributes);
                attributes.forEach((key, value) -> assertThat(classOf(computedAttributes.get(key)))
                        .as("class of %s", key).isEqualTo(classOf(value)));
                assertThat(computed.record().createdAt()).isEqualTo(read.record().createdAt());
                assertThat(computed.record().permanent()).isEqualTo(read.record().permanent());
                assertThat(computed.chain().toString()).isEqualTo(read.chain().toString());
                assertThat(computed.chain().lastMac()).isEqualTo(read.chain().lastMac());
                assertThat(computed.needsRewrite()).isEqualTo(read.needsRewrite());
            }
        }

        @Test
        void anAppendIsComputedOnlyFromAFrameAfterAnAppendableRecord() {
            DecodedRecord before = PLAIN.read(KEY, PLAIN.write(KEY, large()));
            byte[] frame = PLAIN.writeDelta(KEY, before.chain(), Map.of("counter", 2L), Set.of()).orElseThrow();

            assertThatThrownBy(() -> PLAIN.afterAppend(before, Arrays.copyOf(frame, frame.length - 1)))
                    .as("a frame cut short").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PLAIN.afterAppend(before, PLAIN.write(KEY, large())))
                    .as("a record instead of a frame").isInstanceOf(IllegalArgumentException.class);
            DecodedRecord whole = format().read(KEY, format().write(KEY, large()));
            assertThatThrownBy(() -> PLAIN.afterAppend(whole, frame))
                    .as("after a record that takes no frame").isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(booleans = {false, true})
        void framesApplyInOrderPutsAndRemovals(boolean signed) {
            RecordFormat format = plainOrSigned(signed);
            byte[] stored = format.write(KEY, large());
            stored = append(format, KEY, stored, Map.of("counter", 2L, "cart", "book"), Set.of());
            stored = append(format, KEY, stored, Map.of("counter", 3L), Set.of("user"));

            DecodedRecord decoded = format.read(KEY, stored);

            assertThat(decoded.record().attributes()).containsOnlyKeys("data", "counter", "cart")
                    .containsEntry("counter", 3L).containsEntry("cart", "book");
            assertThat(decoded.record().createdAt()).isEqualTo(CREATED);
            assertThat(decoded.record().permanent()).isTrue();
            assertThat(decoded.chain().frames()).isEqualTo(2);
            assertThat(decoded.chain().storedLength()).isEqualTo(stored.length);
            assertThat(decoded.needsRewrite()).isFalse();
        }

        @Test
        void aNullValueIsAPutNotARemoval() {
            Map<String, Object> puts = new LinkedHashMap<>();
            puts.put("user", null);
            byte[] stored = append(PLAIN, KEY, PLAIN.write(KEY, large()), puts, Set.of());

            assertThat(PLAIN.read(KEY, stored).record().attributes()).containsEntry("user", null).containsKey("data");
        }

        @Test
        void aFrameIsSmallBesideTheRecord() {
            byte[] stored = SIGNED.write(KEY, large());
            byte[] frame = SIGNED.writeDelta(KEY, SIGNED.read(KEY, stored).chain(), Map.of("counter", 2L), Set.of()).orElseThrow();

            assertThat(frame.length).isLessThan(64);
            assertThat(frame[0]).isEqualTo((byte) 'D');
        }

        @Test
        void recordsAreWrittenAsVersion2UnlessEncrypted() {
            assertThat(PLAIN.write(KEY, large())[3]).isEqualTo((byte) 2);
            assertThat(SIGNED.write(KEY, large())[3]).isEqualTo((byte) 2);
            RecordFormat sealed = format(ON, "true", "SECRET_KEY", "k", "SESSION_ENCRYPT", "true");
            byte[] stored = sealed.write(KEY, large());
            assertThat(stored[3]).isEqualTo((byte) 1);
            assertThat(sealed.read(KEY, stored).chain().appendable()).isFalse();
            assertThat(sealed.writeDelta(KEY, sealed.read(KEY, stored).chain(), Map.of("counter", 2L), Set.of())).isEmpty();
        }

        @Test
        void offByDefaultRecordsAreVersion1AndTakeNoFrameButFramedRecordsStayReadable() {
            RecordFormat off = format();
            byte[] stored = off.write(KEY, large());
            assertThat(stored[3]).isEqualTo((byte) 1);
            assertThat(off.read(KEY, stored).chain().appendable()).isFalse();
            assertThat(off.writeDelta(KEY, PLAIN.read(KEY, PLAIN.write(KEY, large())).chain(), Map.of("counter", 2L), Set.of()))
                    .isEmpty();

            byte[] framed = append(PLAIN, KEY, PLAIN.write(KEY, large()), Map.of("counter", 2L), Set.of());
            DecodedRecord decoded = off.read(KEY, framed);
            assertThat(decoded.record().attributes()).containsEntry("counter", 2L);
            assertThat(decoded.chain().appendable()).isFalse();
        }

        @Test
        void aVersion1RecordIsReadAndTakesNoFrame() {
            byte[] stored = PLAIN.write(KEY, large());
            stored[3] = 1; // a plain record's layout is the same in both versions

            DecodedRecord decoded = PLAIN.read(KEY, stored);

            assertThat(decoded.record().attributes()).containsOnlyKeys("data", "counter", "user");
            assertThat(decoded.chain().appendable()).isFalse();
            assertUnreadable(() -> PLAIN.read(KEY, concat(stored, new byte[] {'D', 0, 0, 0, 0, 0, 0, 0, 0})),
                    Reason.MALFORMED_PAYLOAD, "the record has data after its payload");
        }
    }

    @Nested
    class WhenToRewriteWhole {

        @Test
        void smallRecordsAreAlwaysRewritten() {
            byte[] stored = PLAIN.write(KEY, RecordFormatTest.sample());

            assertThat(PLAIN.writeDelta(KEY, PLAIN.read(KEY, stored).chain(), Map.of("visits", 4), Set.of())).isEmpty();
        }

        @Test
        void afterItsMostFramesTheRecordIsRewritten() {
            assertFramesBeforeRewrite(large(), RecordFormat.MIN_FRAMES);
        }

        @Test
        void aLargerRecordTakesMoreFramesBetweenRewrites() {
            Map<String, Object> attributes = new LinkedHashMap<>(large().attributes());
            attributes.put("data", new byte[100_000]);

            assertFramesBeforeRewrite(new SessionRecord(CREATED, true, attributes), RecordFormat.MAX_FRAMES);
        }

        @Test
        void theMostFramesGrowWithTheRecordBetweenTheBounds() {
            assertThat(RecordFormat.maxFrames(RecordFormat.MIN_DELTA_BASE)).isEqualTo(8);
            assertThat(RecordFormat.maxFrames(16 * 1024)).isEqualTo(8);
            assertThat(RecordFormat.maxFrames(20 * 1024)).isEqualTo(10);
            assertThat(RecordFormat.maxFrames(32 * 1024)).isEqualTo(16);
            assertThat(RecordFormat.maxFrames(64 * 1024)).isEqualTo(32);
            assertThat(RecordFormat.maxFrames(10 * 1024 * 1024)).isEqualTo(32);
            assertThat(RecordFormat.MAX_FRAMES).isLessThan(RecordFormat.MAX_FRAMES_READ);
        }

        private void assertFramesBeforeRewrite(SessionRecord record, int expectedFrames) {
            byte[] stored = PLAIN.write(KEY, record);
            for (int i = 0; i < expectedFrames; i++) {
                DeltaChain chain = PLAIN.read(KEY, stored).chain();
                assertThat(PLAIN.writeDelta(KEY, chain, Map.of("counter", (long) i), Set.of())).as("frame %d", i + 1).isPresent();
                stored = append(PLAIN, KEY, stored, Map.of("counter", (long) i), Set.of());
            }
            DeltaChain chain = PLAIN.read(KEY, stored).chain();

            assertThat(chain.frames()).isEqualTo(expectedFrames);
            assertThat(PLAIN.writeDelta(KEY, chain, Map.of("counter", 99L), Set.of())).isEmpty();
        }

        @Test
        void framesMayNotOutgrowHalfTheRecord() {
            byte[] stored = PLAIN.write(KEY, large());
            DeltaChain chain = PLAIN.read(KEY, stored).chain();

            assertThat(PLAIN.writeDelta(KEY, chain, Map.of("big", new byte[6_000]), Set.of())).isEmpty();
            assertThat(PLAIN.writeDelta(KEY, chain, Map.of("big", new byte[3_000]), Set.of())).isPresent();
        }

        @Test
        void theWholeStoredValueStaysUnderTheSizeCap() {
            RecordFormat capped = format(ON, "true", "SESSION_MAX_SIZE", "10100");
            byte[] stored = capped.write(KEY, large());
            DeltaChain chain = capped.read(KEY, stored).chain();

            assertThat(capped.writeDelta(KEY, chain, Map.of("note", "x".repeat(200)), Set.of())).isEmpty();
            assertThat(capped.writeDelta(KEY, chain, Map.of("counter", 2L), Set.of())).isPresent();
        }

        @Test
        void aRecordUnderAFallbackKeyOrAnotherModeOrCodecTakesNoFrame() {
            byte[] signedByOld = format(ON, "true", "SECRET_KEY", "old").write(KEY, large());
            RecordFormat rotated = format(ON, "true", "SECRET_KEY", "new", "SECRET_KEY_FALLBACKS", "old");
            assertThat(rotated.read(KEY, signedByOld).needsRewrite()).isTrue();
            assertThat(rotated.read(KEY, signedByOld).chain().appendable()).isFalse();

            byte[] json = format(ON, "true", "SESSION_SERIALIZATION_FORMAT", "json").write(KEY, large());
            assertThat(PLAIN.read(KEY, json).chain().appendable()).isFalse();

            byte[] signed = SIGNED.write(KEY, large());
            RecordFormat encrypting = format(ON, "true", "SECRET_KEY", "k", "SESSION_ENCRYPT", "true");
            assertThat(encrypting.read(KEY, signed).chain().appendable()).isFalse();
        }

        @Test
        void aFrameWithinTheCapIsWrittenEvenWhenValuesAreLarge() {
            // the frame check is the put-time check plus the cap: nothing else refuses a frame
            byte[] stored = PLAIN.write(KEY, large());
            assertThat(PLAIN.writeDelta(KEY, PLAIN.read(KEY, stored).chain(), Map.of("list", java.util.List.of(1L, "a")),
                    Set.of("user"))).isPresent();
        }
    }

    @Nested
    class Tampering {

        private byte[] twoFrames() {
            byte[] stored = SIGNED.write(KEY, large());
            stored = append(SIGNED, KEY, stored, Map.of("counter", 2L), Set.of());
            return append(SIGNED, KEY, stored, Map.of("counter", 3L), Set.of("user"));
        }

        @Test
        void flippingAnyByteOfAFrameIsDetected() {
            byte[] stored = twoFrames();
            int base = SIGNED.write(KEY, large()).length;
            for (int i = base; i < stored.length; i++) {
                byte[] changed = stored.clone();
                changed[i] ^= 0x01;
                int at = i;
                assertThatThrownBy(() -> SIGNED.read(KEY, changed)).as("byte %d", at).isInstanceOf(UnreadableRecordException.class);
            }
        }

        @Test
        void framesCannotBeReorderedOrMovedToAnotherRecordOrKey() {
            byte[] base = SIGNED.write(KEY, large());
            byte[] afterFirst = append(SIGNED, KEY, base, Map.of("counter", 2L), Set.of());
            byte[] afterSecond = append(SIGNED, KEY, afterFirst, Map.of("counter", 3L), Set.of("user"));
            byte[] first = Arrays.copyOfRange(afterFirst, base.length, afterFirst.length);
            byte[] second = Arrays.copyOfRange(afterSecond, afterFirst.length, afterSecond.length);

            assertUnreadable(() -> SIGNED.read(KEY, concat(base, second, first)), Reason.BAD_MAC,
                    "the record's MAC does not verify under SECRET_KEY nor any of the 0 SECRET_KEY_FALLBACKS: it was changed,"
                            + " moved to another store key, or signed with a key that is no longer configured");
            assertThatThrownBy(() -> SIGNED.read(KEY, concat(base, second))).isInstanceOf(UnreadableRecordException.class);

            Map<String, Object> other = new LinkedHashMap<>(large().attributes());
            other.put("user", "eve");
            byte[] otherBase = SIGNED.write(KEY, new SessionRecord(CREATED, true, other));
            assertThatThrownBy(() -> SIGNED.read(KEY, concat(otherBase, first))).isInstanceOf(UnreadableRecordException.class);

            String otherKey = KEY.replace('k', 'q');
            assertThatThrownBy(() -> SIGNED.read(otherKey, concat(SIGNED.write(otherKey, large()), first)))
                    .isInstanceOf(UnreadableRecordException.class);
        }

        @Test
        void aCutFrameIsTruncatedAndGarbageIsNotAFrame() {
            byte[] stored = twoFrames();
            assertUnreadable(() -> SIGNED.read(KEY, Arrays.copyOf(stored, stored.length - 1)), Reason.TRUNCATED,
                    "delta frame 2 ends early");
            byte[] plain = append(PLAIN, KEY, PLAIN.write(KEY, large()), Map.of("counter", 2L), Set.of());
            assertUnreadable(() -> PLAIN.read(KEY, concat(plain, new byte[] {'X', 0, 0, 0, 0, 0, 0, 0, 0})),
                    Reason.MALFORMED_PAYLOAD, "the record has data after its payload that is not a delta frame");
            assertUnreadable(() -> PLAIN.read(KEY, concat(plain, new byte[] {'D', 0, 0, 0, 9, 0, 0, 0, 0})),
                    Reason.TRUNCATED, "delta frame 2 ends early");
        }

        @Test
        void moreFramesThanAnyWriterMakesAreRefused() {
            byte[] stored = PLAIN.write(KEY, large());
            // an unsigned frame holds nothing of its position, so one frame can be repeated
            byte[] frame = PLAIN.writeDelta(KEY, PLAIN.read(KEY, stored).chain(), Map.of("counter", 2L), Set.of()).orElseThrow();
            byte[] many = stored;
            for (int i = 0; i < RecordFormat.MAX_FRAMES_READ; i++) {
                many = concat(many, frame);
            }
            assertThat(PLAIN.read(KEY, many).chain().frames()).isEqualTo(RecordFormat.MAX_FRAMES_READ);
            byte[] tooMany = concat(many, frame);

            assertUnreadable(() -> PLAIN.read(KEY, tooMany), Reason.MALFORMED_PAYLOAD,
                    "the record has more than 64 delta frames, which no session4j writes");
        }

        @Test
        void aFrameSignedWithAFallbackKeyAsksForARewrite() {
            RecordFormat old = format(ON, "true", "SECRET_KEY", "old");
            byte[] stored = append(old, KEY, old.write(KEY, large()), Map.of("counter", 2L), Set.of());
            RecordFormat rotated = format(ON, "true", "SECRET_KEY", "new", "SECRET_KEY_FALLBACKS", "old");

            DecodedRecord decoded = rotated.read(KEY, stored);

            assertThat(decoded.record().attributes()).containsEntry("counter", 2L);
            assertThat(decoded.needsRewrite()).isTrue();
            assertThat(decoded.chain().appendable()).isFalse();
        }
    }
}
