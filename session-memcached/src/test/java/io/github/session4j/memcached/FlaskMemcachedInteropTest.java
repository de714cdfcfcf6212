package io.github.session4j.memcached;

import static io.github.session4j.testkit.FlaskPython.cookieValue;
import static io.github.session4j.testkit.FlaskPython.flaskId;
import static io.github.session4j.testkit.FlaskPython.python;
import static io.github.session4j.testkit.FlaskPython.pythonBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.MemcachedServer;
import io.github.session4j.servers.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SESSION_RECORD_FORMAT=flask-session on a real memcached: the value under prefix + raw ID is
 * Flask-Session's record (flags 0), read through memcached's text protocol on a side socket, and
 * made and read by Debian's Python (session-api/src/test/python/flask_records.py).
 */
class FlaskMemcachedInteropTest {

    private static final String SECRET = "the-flask-apps-secret-key-of-at-least-32-bytes";
    private static final byte[] EXAMPLE = HexFormat.of().parseHex("82aa5f7065726d616e656e74c3a475736572a3616461");

    private final MemcachedServer server = TestServers.memcached();
    private SessionManager sessions;
    private String prefix;

    @BeforeEach
    void open() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        prefix = "flask" + HexFormat.of().formatHex(random) + ":";
        sessions = SessionManager.create(new MemcachedSessionInterfaceProvider(), SessionConfig.builder()
                .put("SESSION_TYPE", "memcached")
                .put("SESSION_MEMCACHED", server.address())
                .put("SESSION_KEY_PREFIX", prefix)
                .put("SESSION_RECORD_FORMAT", "flask-session")
                .put("SECRET_KEY", SECRET)
                .put("SESSION_USE_SIGNER", "true")
                .build());
    }

    @AfterEach
    void closeAll() {
        sessions.close();
    }

    @Test
    void javaWritesFlaskSessionsRecord() throws IOException {
        SessionContext context = sessions.begin(RequestHeaders.none());
        context.session().put("user", "ada");
        String id = python("unsign", SECRET, cookieValue(context.commit().header("Set-Cookie").orElseThrow()));
        assertThat(id).hasSize(43);
        assertThat(get(prefix + id)).isEqualTo(EXAMPLE);
    }

    @Test
    void aRecordFlaskWroteIsReadChangedAndReadBackByPython() throws IOException {
        String id = flaskId();
        set(prefix + id, pythonBytes("flask-record", "msgpack"));
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + python("sign", SECRET, id)));
        assertThat(context.session().get("user")).isEqualTo("ada");
        context.session().put("n", 5);
        context.commit();
        assertThat(python("decode", HexFormat.of().formatHex(get(prefix + id))))
                .isEqualTo("{\"_permanent\": true, \"n\": 5, \"user\": \"ada\"}");
    }

    @Test
    void aPickledRecordIsNoSessionAndIsLeftInPlace() throws IOException {
        String id = flaskId();
        byte[] pickle = pythonBytes("pickle");
        set(prefix + id, pickle);
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + python("sign", SECRET, id)));
        assertThat(context.session()).isEmpty();
        assertThat(context.commit().header("Set-Cookie")).isEmpty();
        assertThat(get(prefix + id)).isEqualTo(pickle);
        assertThat(sessions.stats().unreadableRecords()).isEqualTo(1);
        assertThat(sessions.stats().deletes() + sessions.stats().creates() + sessions.stats().replaces()).isZero();
    }

    @Test
    void javaWritersNeverLoseEachOthersUpdates() throws IOException {
        SessionContext first = sessions.begin(RequestHeaders.none());
        first.session().put("user", "ada");
        String cookie = cookieValue(first.commit().header("Set-Cookie").orElseThrow());
        SessionContext a = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        SessionContext b = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        a.session().put("a", 1);
        b.session().put("b", 2);
        a.commit();
        b.commit(); // cas lost: reload, re-apply
        assertThat(python("decode", HexFormat.of().formatHex(get(prefix + python("unsign", SECRET, cookie)))))
                .isEqualTo("{\"_permanent\": true, \"a\": 1, \"b\": 2, \"user\": \"ada\"}");
        assertThat(sessions.stats().conflicts()).isEqualTo(1);
    }

    private byte[] get(String key) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = line(in);
            if (header.equals("END")) {
                return null;
            }
            String[] parts = header.split(" ");
            assertThat(parts[2]).as("flags").isEqualTo("0");
            byte[] value = in.readNBytes(Integer.parseInt(parts[3]));
            return value;
        }
    }

    private void set(String key, byte[] value) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("set " + key + " 0 3600 " + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(value);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(line(socket.getInputStream())).isEqualTo("STORED");
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
