package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.JdbcSideDoor;
import io.github.session4j.servers.JdbcTestDatabase;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** PostgreSQL through the application's own DataSource ({@code spring.datasource.*}), no {@code session.jdbc.url}. */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresDataSourceJourneyTest extends SignedInJourneyContract {

    private static final JdbcTestDatabase DATABASE = JdbcTestDatabase.create(JdbcTestDatabase.Kind.POSTGRESQL);
    private static final Map<String, Object> SETTINGS = Map.of(
            "session.type", "jdbc",
            "session.jdbc.schema", DATABASE.schema(),
            "session.jdbc.sweep-interval", "0",
            "spring.datasource.url", DATABASE.url(),
            "spring.datasource.username", DATABASE.user(),
            "spring.datasource.password", "");

    @Autowired
    DataSource dataSource;

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
    void sessionsGoThroughTheApplicationsDataSource() {
        assertThat(manager.backendName()).isEqualTo("jdbc");
        assertThat(manager.config().getString("SESSION_JDBC_URL")).isEmpty();
        assertThat(dataSource.getClass().getSimpleName()).isEqualTo("HikariDataSource");
        Browser browser = signedIn();
        assertThat(DATABASE.count("id = '" + manager.storeKey(browser.cookie(COOKIE)) + "'")).isEqualTo(1);
    }
}
