package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.attributes;
import static io.github.session4j.codec.Fixtures.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Planted records that name a class (Java serialization, Jackson's {@code @class} hints and
 * wrapper styles, msgpack extension types) never make a class load: each read ends in a record of
 * documented values or an {@link UnreadableRecordException}, and the canary never initialises.
 */
class ClosedWorldTest {

    static final String CANARY = "io.github.session4j.codec.Canary";
    static final String KEY = "session:planted";

    @AfterEach
    void theCanaryNeverInitialised() {
        assertThat(CanaryWitness.initialised).as("Canary's static initializer ran").isFalse();
    }

    @Test
    void theCanarySingsWhenItIsInitialised() throws Exception {
        // in a loader of its own, so this test's canary stays untouched
        URL classes = Canary.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class.forName(CANARY, true, isolated);
            Class<?> witness = Class.forName(CanaryWitness.class.getName(), true, isolated);
            java.lang.reflect.Field initialised = witness.getDeclaredField("initialised");
            initialised.setAccessible(true);
            assertThat(initialised.getBoolean(null)).isTrue();
        }
    }

    @Test
    void javaSerializedBytesNameTheCanaryButAreNeverDeserialized() throws Exception {
        byte[] serialized = javaSerializedCanary();
        assertThat(classesNamedIn(serialized)).containsExactly(CANARY);

        RecordFormat plain = format();
        assertThatThrownBy(() -> plain.read(KEY, serialized)).isInstanceOfSatisfying(UnreadableRecordException.class,
                e -> assertThat(e.reason()).isEqualTo(UnreadableRecordException.Reason.UNKNOWN_FORMAT));
        for (int codec : new int[] {1, 2}) {
            assertThatThrownBy(() -> plain.read(KEY, RecordFormatTest.envelope(codec, serialized)))
                    .isInstanceOf(UnreadableRecordException.class);
        }
        // as a byte[] value it is just bytes
        byte[] stored = plain.write(KEY, new SessionRecord(Instant.EPOCH, false, attributes("blob", serialized)));
        assertThat((byte[]) plain.read(KEY, stored).record().attributes().get("blob")).isEqualTo(serialized);
    }

    @Test
    void jsonTypeHintsAreDataNeverTypes() throws Exception {
        RecordFormat plain = format();
        List<String> planted = List.of(
                "{\"@class\":\"" + CANARY + "\",\"payload\":\"x\"}",
                "{\"a\":{\"@class\":\"" + CANARY + "\",\"payload\":\"x\"}}",
                "{\"a\":{\"" + CANARY + "\":{\"payload\":\"x\"}}}",
                "{\"a\":{\"@type\":\"" + CANARY + "\",\"@c\":\".Canary\"}}");
        for (String json : planted) {
            Map<String, Object> read = plain.read(KEY, RecordFormatTest.envelope(2, utf8(json))).record().attributes();
            assertThat(read.toString()).contains(CANARY);
        }
        List<String> refused = List.of(
                "{\"a\":[\"" + CANARY + "\",{\"payload\":\"x\"}]}",
                "{\"a\":[\"x\",\"" + CANARY + "\",{\"payload\":\"x\"}]}",
                "[\"" + CANARY + "\",{\"payload\":\"x\"}]");
        for (String json : refused) {
            assertThatThrownBy(() -> plain.read(KEY, RecordFormatTest.envelope(2, utf8(json))))
                    .isInstanceOf(UnreadableRecordException.class);
        }
    }

    @Test
    void msgpackExtensionTypesAndClassNamesAreNeverResolved() throws Exception {
        RecordFormat plain = format();
        byte[] name = utf8(CANARY);
        for (int extType : new int[] {-1, 0, 1, 42}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (MessagePacker packer = MessagePack.newDefaultPacker(out)) {
                packer.packMapHeader(1).packString("a");
                packer.packArrayHeader(2).packString("b").packExtensionTypeHeader((byte) extType, name.length);
                packer.writePayload(name);
            }
            assertThatThrownBy(() -> plain.read(KEY, RecordFormatTest.envelope(1, out.toByteArray())))
                    .isInstanceOf(UnreadableRecordException.class);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MessagePacker packer = MessagePack.newDefaultPacker(out)) {
            packer.packMapHeader(1).packString("@class").packString(CANARY);
        }
        assertThat(plain.read(KEY, RecordFormatTest.envelope(1, out.toByteArray())).record().attributes())
                .containsEntry("@class", CANARY);
    }

    /** Java-serializes a decoy, then renames its class in the stream to the canary's. */
    private static byte[] javaSerializedCanary() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Decoy1());
        }
        String decoy = Decoy1.class.getName();
        assertThat(decoy).hasSameSizeAs(CANARY);
        byte[] serialized = bytes.toByteArray();
        String text = new String(serialized, StandardCharsets.ISO_8859_1).replace(decoy, CANARY);
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The classes a Java deserializer would load, found without loading any of them. */
    private static List<String> classesNamedIn(byte[] serialized) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(serialized);
                ObjectInputStream objects = new ObjectInputStream(in) {
                    @Override
                    protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
                        names.add(desc.getName());
                        throw new ClassNotFoundException("resolution refused by the test");
                    }
                }) {
            objects.readObject();
        } catch (ClassNotFoundException expected) {
            // the first class named ends the walk: it is the one a deserializer would load first
        }
        return names;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
