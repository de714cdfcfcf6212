package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.JdbcTestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application stops and starts again (a deployment): its signed-in users stay signed in and
 * keep their session's values. PostgreSQL through the application's DataSource, which the
 * stopping application closes after the session manager.
 */
class RestartTest {

    private static final JdbcTestDatabase DATABASE = JdbcTestDatabase.create(JdbcTestDatabase.Kind.POSTGRESQL);

    @AfterAll
    static void drop() {
        DATABASE.close();
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TestApp.class).properties(Map.of(
                "server.port", "0",
                "session.type", "jdbc",
                "session.jdbc.schema", DATABASE.schema(),
                "session.jdbc.sweep-interval", "0",
                "spring.datasource.url", DATABASE.url(),
                "spring.datasource.username", DATABASE.user(),
                "spring.datasource.password", "")).run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void aSignedInSessionAndItsValuesSurviveARestart() {
        Browser browser;
        String id;
        try (ConfigurableApplicationContext first = start()) {
            browser = new Browser(port(first));
            assertThat(browser.get("/").status()).isEqualTo(302); // a saved request, then the sign-in
            assertThat(browser.signIn(TestApp.USER, TestApp.PASSWORD).status()).isEqualTo(302);
            assertThat(browser.post("/visits", Map.of("_csrf", browser.get("/csrf").body())).body()).isEqualTo("1");
            id = browser.cookie(SignedInJourneyContract.COOKIE);
        }
        try (ConfigurableApplicationContext second = start()) {
            browser.port(port(second));
            assertThat(browser.get("/").body()).isEqualTo("hello " + TestApp.USER);
            assertThat(browser.get("/visits").body()).isEqualTo("1");
            assertThat(browser.post("/visits", Map.of("_csrf", browser.get("/csrf").body())).body()).isEqualTo("2");
            assertThat(browser.cookie(SignedInJourneyContract.COOKIE)).isEqualTo(id);
        }
        assertThat(browser.setCookies()).noneMatch(c -> c.startsWith("JSESSIONID"));
    }
}
