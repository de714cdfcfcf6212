package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.MongoJavaServer;
import io.github.session4j.servers.MongoTestDatabase;
import io.github.session4j.servers.TestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signing in through the core on mongo-java-server, seen through the side door: the document of a
 * signed-in session holds the principal key (a 43-character hash), never the user's name; the
 * tombstone left under the old ID holds none; signing out and ending sessions remove documents.
 */
class MongoSignInTest {

    private static final String BASE64URL_43 = "[A-Za-z0-9_-]{43}";

    private final MongoJavaServer server = TestServers.mongo();
    private MongoTestDatabase database;
    private SessionManager sessions;
    private MongoCollection<BsonDocument> documents;

    @BeforeEach
    void open() {
        database = new MongoTestDatabase(server.connectionString());
        sessions = SessionManager.create(new MongoSessionInterfaceProvider(), SessionConfig.builder()
                .put("SESSION_TYPE", "mongodb")
                .put("SESSION_MONGODB", database.connectionString())
                .put("SESSION_MONGODB_DB", database.name())
                .build());
        documents = database.collection(MongoSettings.DEFAULT_COLLECT);
    }

    @AfterEach
    void close() {
        sessions.close();
        database.close();
    }

    private String signIn(String principal, String id) {
        SessionContext context = sessions.begin(id == null ? RequestHeaders.none() : RequestHeaders.cookie("session=" + id));
        context.session().put("seen", true);
        context.signIn(principal);
        context.commit();
        return context.sessionId();
    }

    private BsonDocument document(String id) {
        return documents.find(Filters.eq("_id", sessions.storeKey(id))).first();
    }

    private List<BsonDocument> all() {
        return documents.find().into(new ArrayList<>());
    }

    @Test
    void theDocumentOfASignedInSessionHoldsThePrincipalKeyNeverTheName() {
        SessionContext anonymous = sessions.begin(RequestHeaders.none());
        anonymous.session().put("cart", "apples");
        anonymous.commit();
        String before = anonymous.sessionId();
        assertThat(document(before).containsKey("principal")).as("an anonymous session").isFalse();

        String after = signIn("alice@example.com", before);

        String principalKey = document(after).getString("principal").getValue();
        assertThat(principalKey).matches(BASE64URL_43).doesNotContain("alice");
        assertThat(all()).as("documents naming the user in clear")
                .noneMatch(document -> document.toJson().contains("alice"));
        BsonDocument tombstone = document(before);
        if (tombstone != null) {
            assertThat(tombstone.getBinary("data").getData()).isEmpty();
            assertThat(tombstone.containsKey("principal")).as("the tombstone under the old ID").isFalse();
        }
        assertThat(sessions.sessionsOf("alice@example.com").sessions()).hasSize(1);
    }

    @Test
    void anOrdinarySaveKeepsTheSessionIndexed() {
        String id = signIn("bob", null);

        SessionContext next = sessions.begin(RequestHeaders.cookie("session=" + id));
        next.session().put("colour", "blue");
        next.commit();

        assertThat(document(id).containsKey("principal")).isTrue();
        assertThat(sessions.sessionsOf("bob").sessions()).hasSize(1);
    }

    @Test
    void signingOutAndEndingSessionsRemoveTheDocuments() {
        String first = signIn("carol", null);
        String second = signIn("carol", null);
        String third = signIn("carol", null);

        SessionContext out = sessions.begin(RequestHeaders.cookie("session=" + first));
        out.signOut();
        out.commit();
        assertThat(document(first)).as("the signed-out session's document").isNull();
        assertThat(sessions.sessionsOf("carol").sessions()).hasSize(2);

        SessionContext current = sessions.begin(RequestHeaders.cookie("session=" + second));
        assertThat(sessions.endOtherSessions(current)).isEqualTo(1);
        current.commit();
        assertThat(document(third)).as("the ended session's document").isNull();
        assertThat(sessions.endSessions("carol")).isEqualTo(1);
        assertThat(document(second)).isNull();
        assertThat(sessions.sessionsOf("carol").sessions()).isEmpty();
    }
}
