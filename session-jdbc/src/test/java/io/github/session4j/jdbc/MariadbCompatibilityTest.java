package io.github.session4j.jdbc;

/** The contract kit against MARIADB, in a schema of its own. */
class MariadbCompatibilityTest extends JdbcCompatibilityKit {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
