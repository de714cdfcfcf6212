package io.github.session4j.jdbc;

import static io.github.session4j.jdbc.ManagerRequests.statements;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.CommitResult;
import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.JdbcTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What signed-in sessions cost through the {@link SessionManager}, in statements counted at the
 * driver ({@link CountingDriver}): the index change rides in the write's own statement, so a
 * sign-in costs no statement for the index, and ordinary requests keep 0 / 1 / 2.
 */
class JdbcSignedInStatementsTest {

    private static String cookieOf(CommitResult result) {
        String header = result.header("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    private static SessionContext begin(SessionManager manager, String cookie) {
        return manager.begin(cookie == null ? RequestHeaders.none() : RequestHeaders.cookie(cookie));
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void signInListAndEndCostTheirStatementsAndNoMore(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind);
                SessionManager manager = f.manager(s -> s.put(JdbcSettings.URL, CountingDriver.countingUrl(s.get(JdbcSettings.URL))))) {
            String[] cookie = new String[1];
            assertThat(statements(() -> {
                SessionContext context = begin(manager, null);
                context.signIn("alice@example.com");
                cookie[0] = cookieOf(context.commit());
            })).as("a sign-in in a new session: one INSERT that sets principal").isEqualTo(1);

            String[] anonymous = {cookieOf(ManagerRequests.request(manager, null, session -> session.put("cart", "book")))};
            String[] second = new String[1];
            assertThat(statements(() -> {
                SessionContext context = begin(manager, anonymous[0]);
                context.signIn("alice@example.com");
                second[0] = cookieOf(context.commit());
            })).as("a sign-in in a stored session: load, INSERT with principal, tombstone UPDATE clearing it").isEqualTo(3);

            assertThat(statements(() -> begin(manager, second[0]).commit())).as("an untouched signed-in session").isZero();
            assertThat(statements(() -> ManagerRequests.request(manager, second[0], session -> session.get("cart"))))
                    .as("reading a signed-in session").isEqualTo(1);
            assertThat(statements(() -> ManagerRequests.request(manager, second[0], session -> session.put("visits", 2L))))
                    .as("modifying a signed-in session").isEqualTo(2);

            assertThat(statements(() -> assertThat(manager.sessionsOf("alice@example.com").sessions()).hasSize(2)))
                    .as("listing 2 sessions: one SELECT through the index, one load each").isEqualTo(3);
            assertThat(statements(() -> assertThat(manager.endSessions("alice@example.com")).isEqualTo(2)))
                    .as("ending 2 sessions: one SELECT through the index, one DELETE each").isEqualTo(3);
            assertThat(manager.sessionsOf("alice@example.com").sessions()).isEmpty();
            assertThat(f.database.count("principal IS NOT NULL")).as("rows still indexed").isZero();
        }
    }
}
