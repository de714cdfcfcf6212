package io.github.session4j.jdbc;

import io.github.session4j.servers.JdbcTestDatabase;

/** Flask-Session's table on PostgreSQL. */
class FlaskPostgresqlInteropTest extends FlaskJdbcInteropKit {

    @Override
    JdbcTestDatabase.Kind kind() {
        return JdbcTestDatabase.Kind.POSTGRESQL;
    }
}
