package io.github.session4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.DynaliteServer;
import io.github.session4j.servers.DynamoDbSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.PrincipalIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB backend keeps no principal index (issue 20): its table has no index on a principal,
 * and a conditional write of one item cannot change another. {@code SESSION_PRINCIPAL_INDEX=true}
 * therefore stops start-up, naming the backends that can; unset, signing in works and records the
 * principal, and only listing or ending a user's sessions is refused. On dynalite, in a table of
 * this class's own.
 */
class DynamoDbPrincipalIndexRefusalTest {

    private static final DynaliteServer SERVER = TestServers.dynalite();
    private static final String TABLE = TestTables.newName("refusal");

    @AfterAll
    static void dropTable() {
        try (DynamoDbClient client = DynamoDbSideDoor.client(SERVER.endpoint(), DynaliteServer.REGION)) {
            if (client.listTables().tableNames().contains(TABLE)) {
                client.deleteTable(b -> b.tableName(TABLE));
            }
        }
    }

    private static SessionConfig.Builder config() {
        return SessionConfig.builder().put("SESSION_TYPE", "dynamodb")
                .put("SESSION_DYNAMODB", SERVER.endpoint())
                .put("SESSION_DYNAMODB_REGION", DynaliteServer.REGION)
                .put("SESSION_DYNAMODB_TABLE", TABLE);
    }

    @Test
    void theProviderDoesNotClaimTheIndex() {
        assertThat(new DynamoDbSessionInterfaceProvider().capabilities()).doesNotContain(PrincipalIndex.class);
    }

    @Test
    void requiringTheIndexStopsStartUpAndNamesTheBackendsThatCanKeepIt() {
        assertThatThrownBy(() -> SessionManager.create(config().put("SESSION_PRINCIPAL_INDEX", "true").build()).close())
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_PRINCIPAL_INDEX was 'true' but the dynamodb"
                        + " backend in use cannot keep an index of sessions by user: it has no PrincipalIndex. Backends on"
                        + " the classpath that have it: memory; set SESSION_TYPE to one of them, or unset"
                        + " SESSION_PRINCIPAL_INDEX.");
    }

    @Test
    void unsetSignInRecordsThePrincipalAndListingIsRefusedClearly() {
        try (SessionManager manager = SessionManager.create(config().build())) {
            assertThat(manager.indexesPrincipals()).isFalse();
            SessionContext signIn = manager.begin(RequestHeaders.none());
            signIn.session().put("cart", "apples");
            signIn.signIn("alice");
            signIn.commit();
            String id = signIn.sessionId();

            SessionContext next = manager.begin(RequestHeaders.cookie("session=" + id));
            assertThat(next.principal()).contains("alice");
            assertThat(next.signedInAt()).isPresent();
            assertThat(next.session().get("cart")).isEqualTo("apples");
            next.commit();

            assertThatThrownBy(() -> manager.sessionsOf("alice"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith(" needs the principal index, but this manager keeps none: the dynamodb backend"
                            + " keeps no index of sessions by user (it has no PrincipalIndex). Backends on the classpath"
                            + " that keep it: memory; set SESSION_TYPE to one of them.")
                    .hasMessageNotContaining("alice");
            assertThatThrownBy(() -> manager.endSessions("alice")).isInstanceOf(IllegalStateException.class);
        }
    }
}
