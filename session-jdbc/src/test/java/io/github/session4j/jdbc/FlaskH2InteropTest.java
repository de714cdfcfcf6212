package io.github.session4j.jdbc;

import io.github.session4j.servers.JdbcTestDatabase;

/** Flask-Session's table on H2. */
class FlaskH2InteropTest extends FlaskJdbcInteropKit {

    @Override
    JdbcTestDatabase.Kind kind() {
        return JdbcTestDatabase.Kind.H2_MEM;
    }
}
