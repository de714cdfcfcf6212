package io.github.session4j.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.async.AsyncSessions;
import io.github.session4j.servers.RedisServer;
import io.github.session4j.servers.TestServers;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The journey of the WebFlux sample on Vert.x Web, on Redis (a redis-server of the tests' own, a
 * key prefix of this test's own): signing in changes the ID, the session survives a restart of the
 * application, signing out ends it; a route that never uses its session costs no load. The sign-in is
 * session4j's ({@code Session4jHandler.signIn}): the principal is recorded and indexed, another user
 * starts empty, "sign out everywhere else" ends the other visitor's session at once, sign-out leaves the index.
 */
class VertxJourneyTest {

    private final RedisServer redis = TestServers.redis();
    private final String prefix = "vertx-journey:" + UUID.randomUUID() + ":";

    private SessionManager manager() {
        return SessionManager.create(SessionConfig.builder().put("SESSION_TYPE", "redis").put("SESSION_REDIS", redis.uri())
                .put("SESSION_KEY_PREFIX", prefix).build());
    }

    @Test
    void signInChangesTheIdTheSessionSurvivesARestartAndSignOutEndsIt() throws Exception {
        Visitor ada;
        String signedIn;
        String anonymous;
        try (SessionManager manager = manager(); AsyncSessions sessions = AsyncSessions.create(manager);
             VertxApp app = new VertxApp(sessions)) {
            ada = new Visitor(app.port());
            HttpResponse<String> ping = ada.get("/ping");
            assertThat(ping.body()).isEqualTo("pong");
            assertThat(ping.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(ada.post("/visits", "").body()).isEqualTo("1");
            anonymous = ada.session();
            assertThat(anonymous).isNotNull();
            long loads = manager.stats().loads();
            assertThat(ada.get("/ping").headers().allValues("Set-Cookie")).isEmpty();
            assertThat(manager.stats().loads()).as("a route that never uses its session costs no load").isEqualTo(loads);

            assertThat(ada.post("/login", "username=ada&password=wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> signIn = ada.post("/login", "username=ada&password=lovelace");
            assertThat(signIn.statusCode()).isEqualTo(302);
            signedIn = ada.session();
            assertThat(signedIn).as("signing in changes the session ID").isNotEqualTo(anonymous);
            assertThat(ada.get("/").body()).isEqualTo("hello ada");
            assertThat(ada.post("/visits", "").body()).as("the anonymous visit came along").isEqualTo("2");

            Visitor attacker = new Visitor(app.port());
            attacker.session(anonymous);
            assertThat(attacker.get("/").body()).as("the ID from before the sign-in is dead").isEqualTo("anonymous");

            String[] me = ada.get("/me").body().split(" ");
            assertThat(me[0]).isEqualTo(VertxApp.USER);
            assertThat(me[1]).as("the session's handle").isNotEqualTo("-");
            assertThat(manager.sessionsOf(VertxApp.USER).sessions()).singleElement()
                    .satisfies(info -> assertThat(info.handle()).isEqualTo(me[1]));

            Visitor phone = new Visitor(app.port());
            assertThat(phone.post("/login", "username=ada&password=lovelace").statusCode()).isEqualTo(302);
            assertThat(manager.sessionsOf(VertxApp.USER).sessions()).hasSize(2);
            assertThat(ada.post("/sessions/revoke-others", "").body()).isEqualTo("1");
            assertThat(phone.get("/").body()).as("the other visitor's session ended at once").isEqualTo("anonymous");
            assertThat(manager.sessionsOf(VertxApp.USER).sessions()).singleElement()
                    .satisfies(info -> assertThat(info.handle()).isEqualTo(me[1]));

            Visitor shared = new Visitor(app.port());
            shared.post("/login", "username=ada&password=lovelace");
            assertThat(shared.post("/visits", "").body()).isEqualTo("1");
            assertThat(shared.post("/login", "username=grace&password=hopper").statusCode()).isEqualTo(302);
            assertThat(shared.get("/").body()).isEqualTo("hello grace");
            assertThat(shared.get("/visits").body()).as("another user's data is not kept").isEqualTo("0");
            assertThat(manager.sessionsOf(VertxApp.OTHER_USER).sessions()).hasSize(1);
            assertThat(manager.sessionsOf(VertxApp.USER).sessions()).hasSize(1);
        }
        try (SessionManager manager = manager(); AsyncSessions sessions = AsyncSessions.create(manager);
             VertxApp app = new VertxApp(sessions)) {
            ada.port(app.port());
            assertThat(ada.get("/").body()).isEqualTo("hello ada");
            assertThat(ada.post("/visits", "").body()).isEqualTo("3");
            assertThat(ada.session()).isEqualTo(signedIn);
            HttpResponse<String> signOut = ada.post("/logout", "");
            assertThat(signOut.headers().allValues("Set-Cookie")).singleElement().asString().contains("Max-Age=0");
            assertThat(ada.session()).isNull();
            ada.session(signedIn);
            assertThat(ada.get("/").body()).as("the signed-out session is gone").isEqualTo("anonymous");
            assertThat(manager.sessionsOf(VertxApp.USER).sessions()).as("sign-out leaves the index").isEmpty();
        }
    }
}
