package io.github.session4j.codec;

import static io.github.session4j.codec.Fixtures.format;
import static io.github.session4j.codec.RecordFormatTest.CREATED;
import static io.github.session4j.codec.RecordFormatTest.KEY;
import static io.github.session4j.codec.RecordFormatTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records of the versions written before the extension section existed, pinned as bytes written
 * by session4j at that time: they still read exactly as they did, and a record without extension
 * values is still written byte for byte as it was.
 */
class RecordCompatibilityTest {

    /** {@link RecordFormatTest#sample()}, no settings: version 1, msgpack. */
    static final String V1_PLAIN_MSGPACK = "53344a0100010000000067c68a3f075bcd15010000002283a475736572a3616461a676697369747303"
            + "a46361727493a16c92a14c01a374776f";
    /** The sample, {@code SESSION_SERIALIZATION_FORMAT=json}: version 1, json. */
    static final String V1_PLAIN_JSON = "53344a0100020000000067c68a3f075bcd1501000000347b2275736572223a22616461222c2276697369"
            + "7473223a332c2263617274223a5b226c222c5b224c222c315d2c2274776f225d7d";
    /** The sample, {@code SECRET_KEY=k}: version 1, signed, msgpack. */
    static final String V1_SIGNED_MSGPACK = "53344a0101010000000067c68a3f075bcd15010000002283a475736572a3616461a6766973697473"
            + "03a46361727493a16c92a14c01a374776f540a3e541411b8dc20e331f5d6e38e5eb01b1ad16e23aa51d02efe92025b57c1";
    /** The sample, {@code SECRET_KEY=k}, {@code SESSION_ENCRYPT=true}, json: version 1, sealed (random salt). */
    static final String V1_SEALED_JSON = "53344a0102023644efc4bb3d87bea4a5afecdb3d24dd1a4e3e128ef3097fde385328d33a9af2404d"
            + "5397c7edcec4e333a76d4119c80f8872e5be168464f73eaf62c5a823f4c6d8453323f2f92e5e84f98ec54b3bce4bc5e77717256cb2"
            + "2cc1a2a2f0959ef2087bb41f4fc077d55ddab2555bd2332adc38";
    /**
     * The sample, {@code SESSION_DELTA_WRITES=true}: version 2, then a frame putting visits=4 and one
     * putting user=grace and removing cart.
     */
    static final String V2_PLAIN_MSGPACK_2_FRAMES = "53344a0200010000000067c68a3f075bcd15010000002283a475736572a3616461a676"
            + "697369747303a46361727493a16c92a14c01a374776f440000000981a6766973697473040000000180440000000c81a47573657"
            + "2a567726163650000000781a463617274c3";
    /** The sample, deltas on, {@code SECRET_KEY=k}, json: version 2, signed, then a signed frame putting visits=4 and removing cart. */
    static final String V2_SIGNED_JSON_1_FRAME = "53344a0201020000000067c68a3f075bcd1501000000347b2275736572223a22616461222c"
            + "22766973697473223a332c2263617274223a5b226c222c5b224c222c315d2c2274776f225d7d6904e209260aaf5f4b8e691be09119"
            + "3a78d6fd87662e1f58a73f75e27fddde4c440000000c7b22766973697473223a347d0000000d7b2263617274223a747275657dc2"
            + "9041e38002ced6c341bfed6418527c6c7d0fd43ac15d41abad6da307054bf5";

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** A 10 KB record, as delta frames follow. */
    static SessionRecord large() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("data", new byte[10_000]);
        return new SessionRecord(CREATED, true, attributes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void version1RecordsReadAsTheyDid() {
        assertThat(format().read(KEY, bytes(V1_PLAIN_MSGPACK)).record()).isEqualTo(sample());
        assertThat(format().read(KEY, bytes(V1_PLAIN_JSON)).record()).isEqualTo(sample());
        DecodedRecord signed = format("SECRET_KEY", "k").read(KEY, bytes(V1_SIGNED_MSGPACK));
        assertThat(signed.record()).isEqualTo(sample());
        assertThat(signed.needsRewrite()).isFalse();
        DecodedRecord sealed = format("SECRET_KEY", "k", "SESSION_ENCRYPT", "true").read(KEY, bytes(V1_SEALED_JSON));
        assertThat(sealed.record()).isEqualTo(sample());
        assertThat(sealed.needsRewrite()).isFalse();
        for (DecodedRecord read : List.of(signed, sealed)) {
            assertThat(read.record().createdAt()).isEqualTo(CREATED);
            assertThat(read.record().permanent()).isTrue();
            assertThat(read.chain().appendable()).isFalse();
        }
    }

    @Test
    void version2RecordsWithFramesReadAsTheyDid() {
        RecordFormat plain = format("SESSION_DELTA_WRITES", "true");
        DecodedRecord framed = plain.read(KEY, bytes(V2_PLAIN_MSGPACK_2_FRAMES));
        assertThat(framed.record().attributes()).containsExactly(Map.entry("user", "grace"), Map.entry("visits", 4));
        assertThat(framed.record().createdAt()).isEqualTo(CREATED);
        assertThat(framed.record().permanent()).isTrue();
        assertThat(framed.chain().appendable()).isTrue();
        assertThat(framed.chain().frames()).isEqualTo(2);
        assertThat(framed.chain().storedLength()).isEqualTo(bytes(V2_PLAIN_MSGPACK_2_FRAMES).length);
        assertThat(format().read(KEY, bytes(V2_PLAIN_MSGPACK_2_FRAMES)).record()).isEqualTo(framed.record());

        RecordFormat signedJson = format("SESSION_DELTA_WRITES", "true", "SECRET_KEY", "k",
                "SESSION_SERIALIZATION_FORMAT", "json");
        DecodedRecord signed = signedJson.read(KEY, bytes(V2_SIGNED_JSON_1_FRAME));
        assertThat(signed.record().attributes()).containsExactly(Map.entry("user", "ada"), Map.entry("visits", 4));
        assertThat(signed.chain().frames()).isEqualTo(1);
        assertThat(signed.chain().lastMac()).isEqualTo(Arrays.copyOfRange(bytes(V2_SIGNED_JSON_1_FRAME),
                bytes(V2_SIGNED_JSON_1_FRAME).length - 32, bytes(V2_SIGNED_JSON_1_FRAME).length));
        assertThat(signed.needsRewrite()).isFalse();
    }

    @Test
    void aRecordIsWrittenByteForByteAsBefore() {
        assertThat(format().write(KEY, sample())).isEqualTo(bytes(V1_PLAIN_MSGPACK));
        assertThat(format("SESSION_SERIALIZATION_FORMAT", "json").write(KEY, sample())).isEqualTo(bytes(V1_PLAIN_JSON));
        assertThat(format("SECRET_KEY", "k").write(KEY, sample())).isEqualTo(bytes(V1_SIGNED_MSGPACK));
        byte[] v2Plain = bytes(V2_PLAIN_MSGPACK_2_FRAMES);
        assertThat(format("SESSION_DELTA_WRITES", "true").write(KEY, sample()))
                .isEqualTo(Arrays.copyOf(v2Plain, bytes(V1_PLAIN_MSGPACK).length));
        byte[] v2Signed = bytes(V2_SIGNED_JSON_1_FRAME);
        assertThat(format("SESSION_DELTA_WRITES", "true", "SECRET_KEY", "k", "SESSION_SERIALIZATION_FORMAT", "json")
                .write(KEY, sample())).isEqualTo(Arrays.copyOf(v2Signed, bytes(V1_PLAIN_JSON).length + 32));

        byte[] largePlain = format("SESSION_DELTA_WRITES", "true").write(KEY, large());
        assertThat(largePlain).hasSize(10_035);
        assertThat(sha256(largePlain)).isEqualTo("c231c23c0fc1ccc978dddf2b24730c25af1355790db0e6296573d738993ede13");
        byte[] largeSigned = format("SESSION_DELTA_WRITES", "true", "SECRET_KEY", "k").write(KEY, large());
        assertThat(largeSigned).hasSize(10_067);
        assertThat(sha256(largeSigned)).isEqualTo("a2022de479da5dc2ffcf527ea47e44eb40fd103cea1ef7e044cd8f7b26033873");
    }

    @Test
    void aFrameIsWrittenByteForByteAsBefore() {
        RecordFormat plain = format("SESSION_DELTA_WRITES", "true");
        DeltaChain chain = plain.read(KEY, plain.write(KEY, large())).chain();
        byte[] v2Plain = bytes(V2_PLAIN_MSGPACK_2_FRAMES);
        int base = bytes(V1_PLAIN_MSGPACK).length;
        assertThat(plain.writeDelta(KEY, chain, Map.of("visits", 4), java.util.Set.of()).orElseThrow())
                .isEqualTo(Arrays.copyOfRange(v2Plain, base, base + 19));
    }
}
