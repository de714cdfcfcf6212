package io.github.session4j.jdbc;

import io.github.session4j.servers.JdbcTestDatabase;
/** The contract kit against POSTGRESQL, in a schema of its own. */
class PostgresqlCompatibilityTest extends JdbcCompatibilityKit {

    @Override
    JdbcTestDatabase.Kind kind() {
        return JdbcTestDatabase.Kind.POSTGRESQL;
    }
}
