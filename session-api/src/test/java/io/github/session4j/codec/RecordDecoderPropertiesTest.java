package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.format;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated bytes fed to the record decoder only ever give a record or an
 * {@link UnreadableRecordException}, and never make it allocate far beyond the size cap.
 */
class RecordDecoderPropertiesTest {

    static final String KEY = "session:fuzz";
    static final int CAP = 4096;
    /** What one decode may allocate: the input a few times over plus the parsers' fixed buffers. */
    static final long ALLOCATION_BOUND = 8L * CAP + 512 * 1024;

    static final RecordFormat PLAIN_MSGPACK = format("SESSION_MAX_SIZE", String.valueOf(CAP));
    static final RecordFormat PLAIN_JSON = format("SESSION_MAX_SIZE", String.valueOf(CAP),
            "SESSION_SERIALIZATION_FORMAT", "json");
    static final RecordFormat SIGNED = format("SESSION_MAX_SIZE", String.valueOf(CAP), "SECRET_KEY", "k");
    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Property(tries = 1000)
    void randomBytesBehindAValidHeader(@ForAll @Size(max = 300) byte[] tail, @ForAll @IntRange(min = 1, max = 2) int codec,
            @ForAll @IntRange(min = 0, max = 2) int flags) {
        randomBytesBehind(1, flags, codec, tail);
    }

    @Property(tries = 1000)
    void randomBytesBehindAVersion3Header(@ForAll @Size(max = 300) byte[] tail, @ForAll @IntRange(min = 1, max = 2) int codec,
            @ForAll @IntRange(min = 0, max = 2) int flags) {
        randomBytesBehind(3, flags, codec, tail);
    }

    private static void randomBytesBehind(int version, int flags, int codec, byte[] tail) {
        byte[] header = {'S', '4', 'J', (byte) version, (byte) flags, (byte) codec};
        byte[] bytes = Arrays.copyOf(header, header.length + tail.length);
        System.arraycopy(tail, 0, bytes, header.length, tail.length);
        for (RecordFormat format : List.of(PLAIN_MSGPACK, SIGNED)) {
            readsOrRefuses(format, bytes);
        }
    }

    @Property(tries = 1000)
    void randomSectionsInAValidVersion3Envelope(@ForAll @Size(max = 300) byte[] section) {
        readsOrRefuses(PLAIN_MSGPACK, RecordExtensionsTest.envelope(section.length, section, new byte[] {(byte) 0x80}));
    }

    @Property(tries = 300)
    void mutatedRecordsWithExtensions(@ForAll("sessions") Map<String, Object> attributes,
            @ForAll("extensions") RecordExtensions extensions,
            @ForAll("mutations") List<Tuple.Tuple2<Integer, Byte>> mutations, @ForAll boolean json) {
        RecordFormat format = json ? PLAIN_JSON : PLAIN_MSGPACK;
        byte[] stored;
        try {
            stored = format.write(KEY, new SessionRecord(Instant.EPOCH, true, attributes, extensions));
        } catch (io.github.session4j.SessionEncodingException tooBig) {
            return;
        }
        assertThat(format.read(KEY, stored).record().extensions()).isEqualTo(extensions);
        for (Tuple.Tuple2<Integer, Byte> mutation : mutations) {
            stored[mutation.get1() % stored.length] = mutation.get2();
        }
        readsOrRefuses(format, stored);
        readsOrRefuses(SIGNED, stored);
    }

    @Provide
    Arbitrary<RecordExtensions> extensions() {
        Arbitrary<String> principal = Arbitraries.strings().withCharRange('\u0001', '\ud7ff').ofMinLength(1).ofMaxLength(40)
                .injectNull(0.2);
        Arbitrary<Instant> signedInAt = Arbitraries.longs().map(l -> Instant.ofEpochSecond(l % 100_000_000_000L, Math.abs(l % 1_000_000_000)))
                .injectNull(0.2);
        Arbitrary<java.time.Duration> idle = Arbitraries.longs().between(1, Long.MAX_VALUE).map(java.time.Duration::ofNanos)
                .injectNull(0.2);
        return net.jqwik.api.Combinators.combine(principal, signedInAt, idle).as(RecordExtensions::of);
    }

    @Property(tries = 1000)
    void randomPayloadsInAValidEnvelope(@ForAll @Size(max = 300) byte[] payload, @ForAll @IntRange(min = 1, max = 2) int codec)
            throws Exception {
        readsOrRefuses(PLAIN_MSGPACK, RecordFormatTest.envelope(codec, payload));
    }

    @Property(tries = 300)
    void mutatedRecordsOfRandomSessions(@ForAll("sessions") Map<String, Object> attributes,
            @ForAll("mutations") List<Tuple.Tuple2<Integer, Byte>> mutations, @ForAll boolean json) {
        RecordFormat format = json ? PLAIN_JSON : PLAIN_MSGPACK;
        byte[] stored;
        try {
            stored = format.write(KEY, new SessionRecord(Instant.EPOCH, true, attributes));
        } catch (io.github.session4j.SessionEncodingException tooBig) {
            return;
        }
        assertThat(format.read(KEY, stored).record().attributes()).usingRecursiveComparison().isEqualTo(attributes);
        for (Tuple.Tuple2<Integer, Byte> mutation : mutations) {
            stored[mutation.get1() % stored.length] = mutation.get2();
        }
        readsOrRefuses(format, stored);
        readsOrRefuses(SIGNED, stored);
    }

    @Provide
    Arbitrary<Map<String, Object>> sessions() {
        return Arbitraries.maps(keys(), value(3)).ofMaxSize(6).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> mutations() {
        return Arbitraries.integers().between(0, CAP).tuple2().map(t -> Tuple.of(t.get1(), (byte) (int) t.get2()))
                .list().ofMinSize(1).ofMaxSize(4);
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(8);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false).map(b -> b),
                Arbitraries.integers().map(i -> i),
                Arbitraries.longs().map(l -> l),
                Arbitraries.doubles().map(d -> d),
                Arbitraries.floats().map(f -> f),
                Arbitraries.shorts().map(s -> s),
                Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(20).map(s -> s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(b -> b),
                Arbitraries.longs().map(l -> (Object) Instant.ofEpochMilli(l % 100_000_000_000_000L)));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> l);
        Arbitrary<Object> map = Arbitraries.maps(keys(), value(depth - 1)).ofMaxSize(4).map(LinkedHashMap::new);
        return Arbitraries.frequencyOf(Tuple.of(4, scalar), Tuple.of(1, list), Tuple.of(1, map));
    }

    /**
     * The decoder's only outcomes, within the allocation bound. The bytes are decoded twice and the
     * second decode is measured: the first may load classes on a path not taken before, a one-off
     * cost of the JVM, not of the input.
     */
    private static void readsOrRefuses(RecordFormat format, byte[] bytes) {
        readOrRefuse(format, bytes);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        readOrRefuse(format, bytes);
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).isLessThan(ALLOCATION_BOUND);
    }

    private static void readOrRefuse(RecordFormat format, byte[] bytes) {
        try {
            assertThat(format.read(KEY, bytes).record()).isNotNull();
        } catch (UnreadableRecordException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }
}
