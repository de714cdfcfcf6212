package io.github.session4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.PrincipalIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code revoke --user} on Redis (6379) and jdbc/H2, whose principal index the core keeps, and {@code migrate}
 * into Redis re-indexing signed-in sessions so that {@code revoke} finds them in the target.
 */
class RevokeCommandTest {

    @TempDir
    Path dir;

    private final List<SessionManager> managers = new ArrayList<>();

    @AfterEach
    void clear() {
        for (SessionManager manager : managers) {
            if (manager.backendName().equals("redis")) {
                for (String user : List.of("ada", "bob")) {
                    manager.endSessions(user);
                }
                Stores.clear(manager);
            }
            manager.close();
        }
    }

    private SessionManager open(Map<String, String> settings) {
        SessionManager manager = Stores.open(settings);
        managers.add(manager);
        return manager;
    }

    /** Signs a user in as a login request would, and answers the session's ID. */
    static String signedIn(SessionManager manager, String user) {
        SessionContext context = manager.begin("POST", "/login", RequestHeaders.of(Map.of()));
        context.signIn(user);
        context.session().put("theme", "dark");
        String id = context.sessionId();
        context.commit();
        return id;
    }

    @Test
    void revokeEndsEverySessionOfTheUserAndNoOther() {
        revokes(Stores.redis(Stores.prefix()));
    }

    @Test
    void revokeOnJdbcH2() {
        revokes(Stores.h2(dir, Stores.prefix()));
    }

    private void revokes(Map<String, String> settings) {
        String backend = settings.get("SESSION_TYPE");
        SessionManager app = open(settings);
        List<String> ada = List.of(signedIn(app, "ada"), signedIn(app, "ada"), signedIn(app, "ada"));
        String bob = signedIn(app, "bob");
        Path config = Stores.write(dir.resolve("session.properties"), settings);

        Cli.Result revoke = Cli.run("revoke", "--user", "ada", "--config", config.toString());

        assertThat(revoke.exitCode()).as("%s", revoke).isZero();
        assertThat(revoke.out()).isEqualTo("ended 3 sessions of the user (" + backend + ")\n");
        for (String id : ada) {
            assertThat(Stores.read(app, id)).as("a revoked session of ada").isNull();
        }
        assertThat(Stores.read(app, bob)).containsEntry("theme", "dark");
        Cli.Result again = Cli.run("revoke", "--json", "--user", "ada", "--config", config.toString());
        assertThat(again.out()).isEqualTo("{\"ok\":true,\"exitCode\":0,\"backend\":\"" + backend + "\",\"ended\":0}\n");
    }

    @Test
    void deleteOfASignedInSessionTakesItOutOfItsUsersIndexEntry() {
        Map<String, String> settings = Stores.redis(Stores.prefix());
        SessionManager app = open(settings);
        String first = signedIn(app, "ada");
        String second = signedIn(app, "ada");
        PrincipalIndex index = app.backend().capability(PrincipalIndex.class).orElseThrow();

        Cli.Result delete = Cli.run("delete", "--config", Stores.write(dir.resolve("session.properties"), settings).toString(), "--", first);

        assertThat(delete.exitCode()).as("%s", delete).isZero();
        assertThat(index.indexedKeys(app.principalKey("ada"), null, 10)).containsExactly(app.storeKey(second));
        assertThat(Stores.read(app, first)).isNull();
    }

    @Test
    void migrateIndexesSignedInSessionsInTheTargetSoRevokeFindsThem() {
        String prefix = Stores.prefix();
        Map<String, String> source = Stores.filesystem(dir.resolve("files"), prefix);
        Map<String, String> target = Stores.redis(prefix);
        String ada1;
        String ada2;
        String anonymous;
        try (SessionManager from = Stores.open(source)) {
            ada1 = signedIn(from, "ada");
            ada2 = signedIn(from, "ada");
            anonymous = Stores.newSession(from, Map.of("cart", "3 apples"));
        }
        Path sourceFile = Stores.write(dir.resolve("source.properties"), source);
        Path targetFile = Stores.write(dir.resolve("target.properties"), target);
        SessionManager into = open(target);

        Cli.Result migrate = Cli.run("migrate", "--config", sourceFile.toString(), "--to", targetFile.toString());

        assertThat(migrate.exitCode()).as("%s", migrate).isZero();
        assertThat(migrate.out()).startsWith("migrated filesystem -> redis: 3 copied, 0 already in the target, 0 expired meanwhile,"
                + " 2 indexed by user;");
        assertThat(into.sessionsOf("ada").sessions()).hasSize(2);
        Cli.Result revoke = Cli.run("revoke", "--user", "ada", "--config", targetFile.toString());
        assertThat(revoke.out()).as("%s", revoke).isEqualTo("ended 2 sessions of the user (redis)\n");
        assertThat(Stores.read(into, ada1)).isNull();
        assertThat(Stores.read(into, ada2)).isNull();
        assertThat(Stores.read(into, anonymous)).containsEntry("cart", "3 apples");
    }
}
