package io.github.session4j.jdbc;

import static io.github.session4j.jdbc.ManagerRequests.request;
import static io.github.session4j.jdbc.ManagerRequests.statements;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.CommitResult;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.JdbcTestDatabase;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-request budget of DESIGN.md §5 through the {@link SessionManager}, counted at the
 * driver: untouched 0, read 1, modified 2, and a due expiry refresh one small extra UPDATE.
 */
class ManagerBudgetTest {

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void untouchedCostsNothingReadOneStatementModifiedTwo(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind);
                SessionManager manager = f.manager(s -> s.put(JdbcSettings.URL, CountingDriver.countingUrl(s.get(JdbcSettings.URL))))) {
            String[] cookie = new String[1];
            assertThat(statements(() -> {
                CommitResult result = request(manager, null, session -> session.put("user", "ada"));
                String header = result.header("Set-Cookie").orElseThrow();
                cookie[0] = header.substring(0, header.indexOf(';'));
            })).as("new session").isEqualTo(1);

            assertThat(statements(() -> request(manager, cookie[0], session -> { }))).as("untouched").isZero();
            assertThat(statements(() -> request(manager, cookie[0], session -> assertThat(session.get("user"))
                    .isEqualTo("ada")))).as("read").isEqualTo(1);
            assertThat(statements(() -> request(manager, cookie[0], session -> session.put("n", 1L))))
                    .as("modified").isEqualTo(2);

            f.clock.advance(Duration.ofHours(1));
            assertThat(statements(() -> request(manager, cookie[0], session -> session.get("user"))))
                    .as("read with a refresh due").isEqualTo(2);
            assertThat(statements(() -> request(manager, cookie[0], session -> session.get("user"))))
                    .as("read right after the refresh").isEqualTo(1);
        }
    }
}
