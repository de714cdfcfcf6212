package io.github.session4j.flask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.RecordExtensions;
import io.github.session4j.codec.SessionRecord;
import io.github.session4j.codec.UnreadableRecordException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FlaskRecordCodecTest {

    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");
    private static final FlaskRecordCodec MSGPACK = new FlaskRecordCodec("msgpack", 32, 512 * 1024);
    private static final FlaskRecordCodec JSON = new FlaskRecordCodec("json", 32, 512 * 1024);

    /** The record of issue 23: {"_permanent": true, "user": "ada"}. */
    private static final byte[] EXAMPLE = HexFormat.of().parseHex("82aa5f7065726d616e656e74c3a475736572a3616461");

    static Map<String, Object> everyType() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("none", null);
        m.put("no", false);
        m.put("small", 7);
        m.put("neg", -33);
        m.put("big", 5_000_000_000L);
        m.put("minus", -5_000_000_000L);
        m.put("float", 1.5);
        m.put("text", "h\u00e9llo \"q\" \\ \n\u0001");
        m.put("bytes", new byte[] {0, 1, (byte) 0xff});
        m.put("list", List.of(1, "a", List.of(true)));
        m.put("map", Map.of("k", "v"));
        m.put("instant", Instant.parse("2024-01-02T03:04:05.123456Z"));
        m.put("second", Instant.parse("2024-01-01T00:00:00Z"));
        m.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        m.put("decimal", new BigDecimal("1.50"));
        // a nested map with two keys in a fixed order
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", "v");
        nested.put("n", Map.of("x", 2));
        m.put("map", nested);
        return m;
    }

    @Test
    void theIssuesExampleIsWrittenByteForByteAndReadBack() {
        byte[] written = MSGPACK.encode(new SessionRecord(NOW, true, Map.of("user", "ada")));
        assertThat(written).isEqualTo(EXAMPLE);
        assertThat(FlaskPython.bytes("flask-record", "msgpack")).isEqualTo(EXAMPLE);
        SessionRecord read = MSGPACK.decode(EXAMPLE, NOW);
        assertThat(read.permanent()).isTrue();
        assertThat(read.attributes()).containsExactly(Map.entry("user", "ada"));
    }

    @Test
    void theExampleInJsonIsMsgspecsCompactJson() {
        byte[] written = JSON.encode(new SessionRecord(NOW, true, Map.of("user", "ada")));
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("{\"_permanent\":true,\"user\":\"ada\"}");
        assertThat(FlaskPython.bytes("flask-record", "json")).isEqualTo(written);
    }

    @Test
    void aRecordWithEveryTypeIsPythonsMsgpackByteForByte() {
        byte[] written = MSGPACK.encode(new SessionRecord(NOW, true, everyType()));
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(FlaskPython.run("every-type", "msgpack"));
    }

    @Test
    void aRecordWithEveryTypeIsPythonsJsonByteForByte() {
        byte[] written = JSON.encode(new SessionRecord(NOW, true, everyType()));
        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(FlaskPython.bytes("every-type", "json"), StandardCharsets.UTF_8));
    }

    @Test
    void pythonsRecordWithEveryTypeReadsBackAsDocumented() {
        SessionRecord read = MSGPACK.decode(FlaskPython.bytes("every-type", "msgpack"), NOW);
        assertThat(read.permanent()).isTrue();
        Map<String, Object> a = read.attributes();
        assertThat(a.get("none")).isNull();
        assertThat(a).containsEntry("no", false).containsEntry("small", 7).containsEntry("neg", -33)
                .containsEntry("big", 5_000_000_000L).containsEntry("minus", -5_000_000_000L).containsEntry("float", 1.5)
                .containsEntry("text", "h\u00e9llo \"q\" \\ \n\u0001")
                .containsEntry("instant", Instant.parse("2024-01-02T03:04:05.123456Z"))
                .containsEntry("second", Instant.parse("2024-01-01T00:00:00Z"))
                .containsEntry("uuid", "123e4567-e89b-12d3-a456-426614174000").containsEntry("decimal", "1.50")
                .containsEntry("list", List.of(1, "a", List.of(true)));
        assertThat((byte[]) a.get("bytes")).containsExactly(0, 1, 0xff);
        assertThat(a.get("map")).isEqualTo(Map.of("k", "v", "n", Map.of("x", 2)));
        SessionRecord json = JSON.decode(FlaskPython.bytes("every-type", "json"), NOW);
        assertThat(json.attributes()).containsEntry("bytes", "AAH/").containsEntry("instant", "2024-01-02T03:04:05.123456Z")
                .containsEntry("big", 5_000_000_000L);
    }

    @Test
    void pythonReadsWhatJavaWrote() {
        byte[] written = MSGPACK.encode(new SessionRecord(NOW, true, everyType()));
        String described = FlaskPython.run("decode", HexFormat.of().formatHex(written));
        assertThat(described).contains("\"_permanent\": true", "\"big\": 5000000000",
                "\"instant\": {\"$datetime\": \"2024-01-02T03:04:05.123456+00:00\"}", "\"bytes\": {\"$bytes\": \"0001ff\"}");
    }

    @Test
    void eitherFormatIsReadWhateverIsConfigured() {
        assertThat(JSON.decode(EXAMPLE, NOW).attributes()).containsEntry("user", "ada");
        assertThat(MSGPACK.decode("{\"user\":\"ada\"}".getBytes(StandardCharsets.UTF_8), NOW).attributes())
                .containsEntry("user", "ada");
    }

    @Test
    void aPickleIsNeverUnpickled() {
        byte[] pickle = FlaskPython.bytes("pickle");
        assertThatThrownBy(() -> MSGPACK.decode(pickle, NOW)).isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("a Python pickle, which session4j never unpickles");
        assertThatThrownBy(() -> MSGPACK.decode("not a record".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(UnreadableRecordException.class);
        assertThatThrownBy(() -> MSGPACK.decode(HexFormat.of().parseHex("93010203"), NOW))
                .isInstanceOf(UnreadableRecordException.class).hasMessageContaining("not a map");
    }

    @Test
    void valuesFlaskCannotHoldAreRefusedAtPut() {
        assertThatThrownBy(() -> MSGPACK.check("s", Set.of(1))).isInstanceOf(SessionEncodingException.class)
                .hasMessage("the session value at s is a java.util.ImmutableCollections$Set12, which a Flask-Session record"
                        + " cannot hold (SESSION_RECORD_FORMAT=flask-session holds null, Boolean, Integer, Long, Double, String,"
                        + " byte[], List, Map with String keys, Instant, UUID and BigDecimal; see FlaskRecordCodec)");
        assertThatThrownBy(() -> MSGPACK.check("m", Map.of(1, "x"))).hasMessageContaining("String keys only");
        assertThatThrownBy(() -> MSGPACK.check("d", Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> MSGPACK.check("t", Instant.ofEpochSecond(1, 1))).hasMessageContaining("nanoseconds");
        assertThatThrownBy(() -> MSGPACK.check("_permanent", true)).hasMessageContaining("Flask's own");
        MSGPACK.check("ok", everyType());
    }

    @Test
    void theCoresOwnValuesTravelUnderSession4jsKeyAndComeBack() {
        RecordExtensions ext = RecordExtensions.of("ada", Instant.parse("2026-01-02T03:04:05.000006Z"), java.time.Duration.ofMinutes(30));
        byte[] written = MSGPACK.encode(new SessionRecord(NOW, true, Map.of("user", "ada"), ext));
        assertThat(FlaskPython.run("decode", HexFormat.of().formatHex(written))).isEqualTo("{\"_permanent\": true,"
                + " \"_session4j\": {\"idle_timeout\": 1800, \"principal\": \"ada\", \"signed_in_at\":"
                + " {\"$datetime\": \"2026-01-02T03:04:05.000006+00:00\"}}, \"user\": \"ada\"}");
        SessionRecord read = MSGPACK.decode(written, NOW);
        assertThat(read.extensions()).isEqualTo(ext);
        assertThat(read.attributes()).containsOnlyKeys("user");
        assertThat(JSON.decode(JSON.encode(new SessionRecord(NOW, false, Map.of(), ext)), NOW).extensions()).isEqualTo(ext);
        assertThatThrownBy(() -> MSGPACK.check("_session4j", 1)).hasMessageContaining("session4j's own");
    }

    @Test
    void pythonsFloatReprIsFollowed() {
        assertThat(FlaskJson.pythonRepr(1.5)).isEqualTo("1.5");
        assertThat(FlaskJson.pythonRepr(100.0)).isEqualTo("100.0");
        assertThat(FlaskJson.pythonRepr(1e16)).isEqualTo("1e+16");
        assertThat(FlaskJson.pythonRepr(0.0001)).isEqualTo("0.0001");
        assertThat(FlaskJson.pythonRepr(0.00001)).isEqualTo("1e-05");
        assertThat(FlaskJson.pythonRepr(-2.5e-10)).isEqualTo("-2.5e-10");
    }

    @Test
    void theCookieIsSignedAsItsdangerousSignsItAndCheckedBothWays() {
        String secret = "a-flask-secret-key-of-32-bytes-at-least!";
        FlaskCookieSigner signer = new FlaskCookieSigner(secret, List.of());
        String id = "Q2hhbmdlIHRoaXMgdG8gYSByZWFsIGlkIG5vdyBwbGVhc2U";
        assertThat(signer.sign(id)).isEqualTo(FlaskPython.run("sign", secret, id));
        String python = FlaskPython.run("sign", secret, "abc");
        assertThat(signer.unsign(python)).contains("abc");
        assertThat(FlaskPython.run("unsign", secret, signer.sign(id))).isEqualTo(id);
        assertThat(signer.unsign(python.substring(0, python.length() - 1) + "A")).isEmpty();
        assertThat(signer.unsign(id)).isEmpty();
        assertThat(new FlaskCookieSigner("another-secret-key-of-32-bytes-at-least", List.of(secret)).unsign(python))
                .contains("abc");
    }
}
