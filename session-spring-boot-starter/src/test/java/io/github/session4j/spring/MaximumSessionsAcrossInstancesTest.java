package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionInfo;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisServer;
import io.github.session4j.servers.RedisSideDoor;
import io.github.session4j.servers.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Two instances of one application ({@link ConcurrencyApp}: Spring Security with
 * {@code maximumSessions(1)}) on random ports, sharing one Redis under a key prefix of their own,
 * as two servers behind a load balancer: a user's second sign-in, on the other instance, ends the
 * first session or is refused, as configured; the Actuator {@code sessions} endpoint lists a user's
 * sessions by handle and ends one. The two contexts serve every test here (each test has its users).
 */
class MaximumSessionsAcrossInstancesTest {

    private static final RedisServer REDIS = TestServers.redis();
    private static final String PREFIX = "starter-max-" + UUID.randomUUID() + ":";
    private static final Pattern HANDLE = Pattern.compile("\"handle\":\"([^\"]+)\"");

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        first = start();
        second = start();
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ConcurrencyApp.class).properties(Map.of(
                "server.port", "0",
                "session.type", "redis",
                "session.redis", REDIS.uri(),
                "session.key-prefix", PREFIX,
                "management.endpoints.web.exposure.include", "health,sessions")).run();
    }

    @AfterAll
    static void stopAndDeleteTheirKeys() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        try (RedisConnection connection = RedisConnection.server(REDIS.port())) {
            List<String> keys = new RedisSideDoor(connection).keys(PREFIX);
            if (!keys.isEmpty()) {
                connection.commands().del(keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new));
            }
        }
    }

    private static Browser browserOn(ConfigurableApplicationContext context) {
        return new Browser(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static SessionManager manager(ConfigurableApplicationContext context) {
        return context.getBean(SessionManager.class);
    }

    private static Browser signedIn(ConfigurableApplicationContext context, String path, String user) {
        Browser browser = browserOn(context);
        Browser.Response login = browser.signIn(path, user, ConcurrencyApp.PASSWORD);
        assertThat(login.status()).as("sign-in of %s", user).isEqualTo(302);
        assertThat(login.location()).as("sign-in of %s", user).doesNotContain("error");
        assertThat(browser.get("/").body()).isEqualTo("hello " + user);
        return browser;
    }

    @Test
    void theRegistryIsTheIndexAndBothInstancesUseIt() {
        assertThat(first.getBean(SessionRegistry.class)).isInstanceOf(IndexSessionRegistry.class);
        assertThat(manager(first).indexesPrincipals()).isTrue();
        assertThat(manager(second).backendName()).isEqualTo("redis");
    }

    @Test
    void aSecondSignInOnTheOtherInstanceEndsTheFirstSession() {
        Browser laptop = signedIn(first, "/login", "ada");
        String laptopId = laptop.cookie(SignedInJourneyContract.COOKIE);
        assertThat(manager(second).sessionsOf("ada").sessions()).hasSize(1);

        Browser phone = signedIn(second, "/login", "ada");
        assertThat(laptop.get("/").status()).as("the first session, on its own instance").isEqualTo(302);
        laptop.port(((WebServerApplicationContext) second).getWebServer().getPort());
        laptop.setCookie(SignedInJourneyContract.COOKIE, laptopId);
        assertThat(laptop.get("/").status()).as("the first session, on the other instance").isEqualTo(302);
        assertThat(phone.get("/").body()).isEqualTo("hello ada");

        List<SessionInfo> left = manager(first).sessionsOf("ada").sessions();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).handle()).isNotEqualTo(phone.cookie(SignedInJourneyContract.COOKIE))
                .isNotEqualTo(manager(first).storeKey(phone.cookie(SignedInJourneyContract.COOKIE)));
    }

    @Test
    void withMaxSessionsPreventsLoginTheSecondSignInIsRefusedUntilTheFirstSignsOut() {
        Browser laptop = signedIn(first, "/strict/login", "grace");
        Browser.Response again = laptop.signIn("/strict/login", "grace", ConcurrencyApp.PASSWORD);
        assertThat(again.location()).as("signing in again on the same session").doesNotContain("error");
        assertThat(laptop.get("/").body()).isEqualTo("hello grace");

        Browser phone = browserOn(second);
        Browser.Response refused = phone.signIn("/strict/login", "grace", ConcurrencyApp.PASSWORD);
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).contains("/login?error");
        assertThat(phone.get("/").status()).as("the refused browser is not signed in").isEqualTo(302);
        assertThat(laptop.get("/").body()).as("the first session is kept").isEqualTo("hello grace");
        assertThat(manager(second).sessionsOf("grace").sessions()).hasSize(1);

        Browser.Response logout = laptop.post("/logout", Map.of("_csrf", laptop.get("/csrf").body()));
        assertThat(logout.location()).endsWith("/login?logout");
        assertThat(manager(second).sessionsOf("grace").sessions()).as("the index after sign-out").isEmpty();
        Browser.Response now = phone.signIn("/strict/login", "grace", ConcurrencyApp.PASSWORD);
        assertThat(now.location()).doesNotContain("error");
        assertThat(phone.get("/").body()).isEqualTo("hello grace");
    }

    @Test
    void theSessionsEndpointListsByHandleAndEndsASessionOnlyWithItsOwnUser() {
        Browser lin = signedIn(first, "/login", "lin");
        String linId = lin.cookie(SignedInJourneyContract.COOKIE);
        Browser admin = signedIn(second, "/login", ConcurrencyApp.ADMIN);

        Browser.Response list = admin.get("/actuator/sessions?username=lin");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"createdAt\":").contains("\"signedInAt\":").contains("\"lastSeen\":")
                .doesNotContain(linId).doesNotContain(manager(first).storeKey(linId));
        Matcher handle = HANDLE.matcher(list.body());
        assertThat(handle.find()).as("a handle in %s", list.body()).isTrue();
        String linHandle = handle.group(1);
        assertThat(handle.find()).as("one session only").isFalse();
        assertThat(admin.get("/actuator/sessions?username=ada-who-never-signed-in").body()).contains("\"sessions\":[]");

        String csrf = admin.get("/csrf").body();
        assertThat(admin.delete("/actuator/sessions/" + linHandle + "?username=grace", csrf).status())
                .as("lin's handle with another user").isEqualTo(404);
        assertThat(lin.get("/").body()).isEqualTo("hello lin");
        assertThat(admin.delete("/actuator/sessions/" + linHandle + "?username=lin", csrf).status()).isEqualTo(204);
        assertThat(lin.get("/").status()).as("lin's session after the delete").isEqualTo(302);
        assertThat(admin.get("/actuator/sessions?username=lin").body()).contains("\"sessions\":[]");
    }
}
