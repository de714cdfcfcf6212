package io.github.session4j.sample.webflux;

import io.github.session4j.servers.JdbcTestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The journey with {@code --spring.profiles.active=postgres}, on the machine's PostgreSQL, in a schema of its own. */
class PostgresJourneyTest extends ReactiveJourney {

    private final JdbcTestDatabase database = JdbcTestDatabase.create(JdbcTestDatabase.Kind.POSTGRESQL);

    @Override
    String profile() {
        return "postgres";
    }

    @Override
    Map<String, String> storeArguments() {
        return Map.of("session.jdbc.url", database.url(), "session.jdbc.user", database.user(),
                "session.jdbc.schema", database.schema());
    }

    @AfterEach
    void drop() {
        database.close();
    }
}
