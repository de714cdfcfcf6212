package io.github.session4j.sample.boot;

import io.github.session4j.servers.JdbcSideDoor;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.util.Map;

/**
 * The sample's journeys with {@code --spring.profiles.active=postgres}, on the machine's PostgreSQL,
 * in a schema of the test's own (dropped at the end).
 */
class PostgresSampleTest extends SampleJourneys {

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

    @Override
    SideDoor openStore() {
        return new JdbcSideDoor(database, Clock::systemUTC);
    }

    @Override
    void closeStore() {
        database.close();
    }
}
