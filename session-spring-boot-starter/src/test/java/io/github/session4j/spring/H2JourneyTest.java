package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.JdbcSideDoor;
import io.github.session4j.servers.JdbcTestDatabase;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** H2 in a file through session-jdbc's own pool ({@code session.jdbc.url} set), with the upper snake case spelling. */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2JourneyTest extends SignedInJourneyContract {

    private static final JdbcTestDatabase DATABASE = JdbcTestDatabase.create(JdbcTestDatabase.Kind.H2_FILE);
    private static final Map<String, Object> SETTINGS = Map.of(
            "SESSION_TYPE", "jdbc",
            "SESSION_JDBC_URL", DATABASE.url(),
            "SESSION_JDBC_SCHEMA", DATABASE.schema(),
            "SESSION_JDBC_SWEEP_INTERVAL", "0");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        SETTINGS.forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void drop() {
        DATABASE.close();
    }

    @Override
    boolean storeHas(String storeKey) {
        return new JdbcSideDoor(DATABASE, Clock::systemUTC).exists(storeKey);
    }

    @Test
    void sessionJdbcOpensItsOwnPool() {
        assertThat(manager.backendName()).isEqualTo("jdbc");
        assertThat(manager.config().getString("session.jdbc.url")).contains(DATABASE.url());
    }
}
