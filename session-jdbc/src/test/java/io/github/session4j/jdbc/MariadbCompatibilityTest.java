package io.github.session4j.jdbc;

import io.github.session4j.servers.JdbcTestDatabase;
/** The contract kit against MARIADB, in a schema of its own. */
class MariadbCompatibilityTest extends JdbcCompatibilityKit {

    @Override
    JdbcTestDatabase.Kind kind() {
        return JdbcTestDatabase.Kind.MARIADB;
    }
}
