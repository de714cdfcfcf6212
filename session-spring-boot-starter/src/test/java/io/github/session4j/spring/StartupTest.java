package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.JdbcTestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

/** Start-up: what stops it, what the application may replace, what is closed with the context. */
@ExtendWith(OutputCaptureExtension.class)
class StartupTest {

    private static SpringApplicationBuilder app(Class<?>... sources) {
        return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE);
    }

    @Test
    void anUnknownSessionKeyStopsStartUpWithTheLibrarysMessage(CapturedOutput output) {
        String expected = "SESSION_COOKIE_NMAE (set to 'sid' in the configuration) is not a setting"
                + " of the session4j core or of the 'memory' backend; did you mean SESSION_COOKIE_NAME?";
        assertThatThrownBy(() -> app(PlainApp.class).properties(Map.of("session.type", "memory",
                "session.cookie.nmae", "sid")).run().close())
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(SessionConfigException.class).hasMessageContaining(expected));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("session4j's configuration is invalid:").contains(expected);
    }

    @Test
    void anUnsetTypeStopsStartUp() {
        assertThatThrownBy(() -> app(PlainApp.class).run().close())
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(SessionConfigException.class).hasMessageContaining("SESSION_TYPE"));
    }

    @Test
    void theApplicationsOwnManagerWinsAndIsTheFiltersManager() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlainApp.class, OwnManager.class)
                .properties(Map.of("server.port", "0", "session.cookie.nmae", "not read: the application's manager"))
                .run()) {
            assertThat(context.getBeansOfType(SessionManager.class)).containsOnlyKeys("ownManager");
            int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) context)
                    .getWebServer().getPort();
            Browser browser = new Browser(port);
            assertThat(browser.post("/visits", Map.of()).body()).isEqualTo("1");
            assertThat(browser.cookie("own")).isNotNull();
            assertThat(browser.get("/visits").body()).isEqualTo("1");
        }
    }

    @Test
    void theStartersManagerIsClosedWithTheContext() {
        SessionManager manager;
        try (ConfigurableApplicationContext context = app(PlainApp.class).properties(Map.of("SESSION_TYPE", "memory"))
                .run()) {
            manager = context.getBean(SessionManager.class);
            manager.begin(name -> java.util.List.of());
        }
        assertThatThrownBy(() -> manager.begin(name -> java.util.List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void healthIsDownWhenTheStoreFails() {
        try (JdbcTestDatabase database = JdbcTestDatabase.create(JdbcTestDatabase.Kind.H2_MEM);
                SessionManager manager = SessionManager.create(SessionConfig.builder().putAll(database.settings()).build())) {
            Session4jHealthIndicator indicator = new Session4jHealthIndicator(manager);
            Health up = indicator.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("backend", "jdbc");
            database.execute("DROP TABLE " + database.table());
            Health down = indicator.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("backend", "jdbc").containsKey("error");
        }
    }

    /** An application that builds its own manager. */
    @Configuration(proxyBeanMethods = false)
    static class OwnManager {

        @Bean
        SessionManager ownManager() {
            return SessionManager.create(SessionConfig.builder().put("SESSION_TYPE", "memory")
                    .put("SESSION_COOKIE_NAME", "own").build());
        }
    }
}
