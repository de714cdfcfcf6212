package io.github.session4j.jdbc;

import static io.github.session4j.testkit.FlaskPython.cookieValue;
import static io.github.session4j.testkit.FlaskPython.flaskId;
import static io.github.session4j.testkit.FlaskPython.python;
import static io.github.session4j.testkit.FlaskPython.pythonBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.JdbcTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SESSION_RECORD_FORMAT=flask-session on a real database: Flask-Session 0.8's SQLAlchemy table
 * (id, session_id, data, expiry), with records made and read by Debian's python3-msgpack and
 * itsdangerous (session-api/src/test/python/flask_records.py; scripts/services/python.sh).
 */
abstract class FlaskJdbcInteropKit {

    private static final String SECRET = "the-flask-apps-secret-key-of-at-least-32-bytes";
    private static final byte[] EXAMPLE = HexFormat.of().parseHex("82aa5f7065726d616e656e74c3a475736572a3616461");

    private JdbcTestDatabase database;
    private SessionManager sessions;
    private Connection side;
    private String prefix;

    abstract JdbcTestDatabase.Kind kind();

    @BeforeEach
    void open() {
        database = JdbcTestDatabase.create(kind());
        prefix = "session:";
        SessionConfig.Builder config = SessionConfig.builder();
        database.settings().forEach(config::put);
        config.put("SESSION_RECORD_FORMAT", "flask-session").put("SECRET_KEY", SECRET).put("SESSION_USE_SIGNER", "true")
                .put("SESSION_KEY_PREFIX", prefix);
        sessions = SessionManager.create(new JdbcSessionInterfaceProvider(), config.build());
        side = database.connect();
    }

    @AfterEach
    void closeAll() throws SQLException {
        sessions.close();
        side.close();
        database.close();
    }

    @Test
    void javaWritesFlaskSessionsRowAndPythonReadsIt() throws SQLException {
        SessionContext context = sessions.begin(RequestHeaders.none());
        context.session().put("user", "ada");
        String id = python("unsign", SECRET, cookieValue(context.commit().header("Set-Cookie").orElseThrow()));
        assertThat(id).hasSize(43);
        assertThat(data(id)).isEqualTo(EXAMPLE);
        LocalDateTime expiry = expiry(id);
        LocalDateTime in31Days = LocalDateTime.now(ZoneOffset.UTC).plusDays(31);
        assertThat(Duration.between(expiry, in31Days).abs()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void aRowFlaskWroteIsReadChangedAndReadBackByPython() throws SQLException {
        String id = flaskId();
        insert(id, pythonBytes("flask-record", "msgpack"), LocalDateTime.now(ZoneOffset.UTC).plusHours(1));
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + python("sign", SECRET, id)));
        assertThat(context.session().get("user")).isEqualTo("ada");
        context.session().put("n", 5);
        context.commit();
        assertThat(python("decode", HexFormat.of().formatHex(data(id))))
                .isEqualTo("{\"_permanent\": true, \"n\": 5, \"user\": \"ada\"}");
    }

    @Test
    void aPickledRowIsNoSessionWithZeroSideEffects() throws SQLException {
        String id = flaskId();
        byte[] pickle = pythonBytes("pickle");
        LocalDateTime expiry = LocalDateTime.of(2099, 1, 1, 0, 0);
        insert(id, pickle, expiry);
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + python("sign", SECRET, id)));
        assertThat(context.session()).isEmpty();
        assertThat(context.commit().header("Set-Cookie")).isEmpty();
        assertThat(data(id)).isEqualTo(pickle);
        assertThat(expiry(id)).isEqualTo(expiry);
        assertThat(sessions.stats().unreadableRecords()).isEqualTo(1);
    }

    @Test
    void javaWritersNeverLoseEachOthersUpdates() throws SQLException {
        SessionContext first = sessions.begin(RequestHeaders.none());
        first.session().put("user", "ada");
        String cookie = cookieValue(first.commit().header("Set-Cookie").orElseThrow());
        SessionContext a = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        SessionContext b = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        a.session().put("a", 1);
        b.session().put("b", 2);
        a.commit();
        b.commit();
        assertThat(python("decode", HexFormat.of().formatHex(data(python("unsign", SECRET, cookie)))))
                .isEqualTo("{\"_permanent\": true, \"a\": 1, \"b\": 2, \"user\": \"ada\"}");
        assertThat(sessions.stats().conflicts()).isEqualTo(1);
    }

    @Test
    void aRegeneratedSessionLeavesNoRowUnderItsOldId() throws SQLException {
        SessionContext first = sessions.begin(RequestHeaders.none());
        first.session().put("user", "ada");
        String cookie = cookieValue(first.commit().header("Set-Cookie").orElseThrow());
        SessionContext again = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        again.session().regenerate();
        String newId = python("unsign", SECRET, cookieValue(again.commit().header("Set-Cookie").orElseThrow()));
        assertThat(data(python("unsign", SECRET, cookie))).isNull();
        assertThat(data(newId)).isEqualTo(EXAMPLE);
    }

    @Test
    void aTableOfSession4jsOwnFormatStopsStartUpWithAMessage() throws SQLException {
        try (java.sql.Statement s = side.createStatement()) {
            s.execute("CREATE TABLE " + database.schema() + ".own_format (id VARCHAR(100) PRIMARY KEY, record VARCHAR(10))");
        }
        SessionConfig.Builder config = SessionConfig.builder();
        database.settings().forEach(config::put);
        config.put("SESSION_RECORD_FORMAT", "flask-session").put("SESSION_JDBC_TABLE", "own_format");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SessionManager.create(new JdbcSessionInterfaceProvider(),
                config.build()).close()).hasMessageContaining("SESSION_RECORD_FORMAT=flask-session needs Flask-Session's table"
                        + " (id, session_id, data, expiry) but");
    }

    private void insert(String id, byte[] data, LocalDateTime expiry) throws SQLException {
        try (PreparedStatement s = side.prepareStatement("INSERT INTO " + database.table()
                + " (session_id, data, expiry) VALUES (?, ?, ?)")) {
            s.setString(1, prefix + id);
            s.setBytes(2, data);
            s.setTimestamp(3, Timestamp.valueOf(expiry));
            s.executeUpdate();
        }
    }

    private byte[] data(String id) throws SQLException {
        try (PreparedStatement s = side.prepareStatement("SELECT data FROM " + database.table() + " WHERE session_id = ?")) {
            s.setString(1, prefix + id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    private LocalDateTime expiry(String id) throws SQLException {
        try (PreparedStatement s = side.prepareStatement("SELECT expiry FROM " + database.table() + " WHERE session_id = ?")) {
            s.setString(1, prefix + id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toLocalDateTime();
            }
        }
    }
}
