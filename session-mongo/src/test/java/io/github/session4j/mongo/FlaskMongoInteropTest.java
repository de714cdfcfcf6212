package io.github.session4j.mongo;

import static io.github.session4j.testkit.FlaskPython.cookieValue;
import static io.github.session4j.testkit.FlaskPython.flaskId;
import static io.github.session4j.testkit.FlaskPython.python;
import static io.github.session4j.testkit.FlaskPython.pythonBytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.MongoJavaServer;
import io.github.session4j.servers.TestServers;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SESSION_RECORD_FORMAT=flask-session on mongo-java-server: Flask-Session's documents
 * {id, val, expiration}, with records made and read by Debian's Python (flask_records.py).
 */
class FlaskMongoInteropTest {

    private static final String SECRET = "the-flask-apps-secret-key-of-at-least-32-bytes";
    private static final byte[] EXAMPLE = HexFormat.of().parseHex("82aa5f7065726d616e656e74c3a475736572a3616461");

    private final MongoJavaServer server = TestServers.mongo();
    private final String database = "flask_" + System.nanoTime();
    private SessionManager sessions;
    private MongoClient side;
    private MongoCollection<BsonDocument> documents;

    @BeforeEach
    void open() {
        sessions = SessionManager.create(new MongoSessionInterfaceProvider(), SessionConfig.builder()
                .put("SESSION_TYPE", "mongodb")
                .put("SESSION_MONGODB", server.connectionString())
                .put("SESSION_MONGODB_DB", database)
                .put("SESSION_RECORD_FORMAT", "flask-session")
                .put("SECRET_KEY", SECRET)
                .put("SESSION_USE_SIGNER", "true")
                .build());
        side = MongoClients.create(server.connectionString());
        documents = side.getDatabase(database).getCollection("sessions", BsonDocument.class);
    }

    @AfterEach
    void closeAll() {
        sessions.close();
        side.close();
    }

    @Test
    void javaWritesFlaskSessionsDocument() {
        SessionContext context = sessions.begin(RequestHeaders.none());
        context.session().put("user", "ada");
        String id = python("unsign", SECRET, cookieValue(context.commit().header("Set-Cookie").orElseThrow()));
        BsonDocument doc = documents.find(Filters.eq("id", "session:" + id)).first();
        assertThat(doc).isNotNull();
        assertThat(doc.getBinary("val").getData()).isEqualTo(EXAMPLE);
        assertThat(doc.getDateTime("expiration").getValue()).isGreaterThan(Instant.now().plusSeconds(30L * 24 * 3600).toEpochMilli());
    }

    @Test
    void aDocumentFlaskWroteIsReadChangedAndReadBackByPython() {
        String id = flaskId();
        plant(id, pythonBytes("flask-record", "msgpack"));
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + python("sign", SECRET, id)));
        assertThat(context.session().get("user")).isEqualTo("ada");
        context.session().put("n", 5);
        context.commit();
        assertThat(python("decode", HexFormat.of().formatHex(val(id))))
                .isEqualTo("{\"_permanent\": true, \"n\": 5, \"user\": \"ada\"}");
    }

    @Test
    void aPickledDocumentIsNoSessionWithZeroSideEffects() {
        String id = flaskId();
        byte[] pickle = pythonBytes("pickle");
        plant(id, pickle);
        BsonDocument before = documents.find(Filters.eq("id", "session:" + id)).first();
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + python("sign", SECRET, id)));
        assertThat(context.session()).isEmpty();
        assertThat(context.commit().header("Set-Cookie")).isEmpty();
        assertThat(documents.find(Filters.eq("id", "session:" + id)).first()).isEqualTo(before);
        assertThat(sessions.stats().unreadableRecords()).isEqualTo(1);
    }

    @Test
    void javaWritersNeverLoseEachOthersUpdatesAndRegenerateLeavesNoOldDocument() {
        SessionContext first = sessions.begin(RequestHeaders.none());
        first.session().put("user", "ada");
        String cookie = cookieValue(first.commit().header("Set-Cookie").orElseThrow());
        String id = python("unsign", SECRET, cookie);
        SessionContext a = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        SessionContext b = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        a.session().put("a", 1);
        b.session().put("b", 2);
        a.commit();
        b.commit();
        assertThat(python("decode", HexFormat.of().formatHex(val(id))))
                .isEqualTo("{\"_permanent\": true, \"a\": 1, \"b\": 2, \"user\": \"ada\"}");
        SessionContext again = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        again.session().regenerate();
        String newId = python("unsign", SECRET, cookieValue(again.commit().header("Set-Cookie").orElseThrow()));
        assertThat(documents.countDocuments(Filters.eq("id", "session:" + id))).isZero();
        assertThat(python("decode", HexFormat.of().formatHex(val(newId))))
                .isEqualTo("{\"_permanent\": true, \"a\": 1, \"b\": 2, \"user\": \"ada\"}");
    }

    private void plant(String id, byte[] val) {
        documents.insertOne(new BsonDocument("id", new BsonString("session:" + id)).append("val", new BsonBinary(val))
                .append("expiration", new BsonDateTime(Date.from(Instant.now().plusSeconds(3600)).getTime())));
    }

    private byte[] val(String id) {
        return documents.find(Filters.eq("id", "session:" + id)).first().getBinary("val").getData();
    }
}
