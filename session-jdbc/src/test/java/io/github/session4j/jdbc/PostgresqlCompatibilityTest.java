package io.github.session4j.jdbc;

/** The contract kit against POSTGRESQL, in a schema of its own. */
class PostgresqlCompatibilityTest extends JdbcCompatibilityKit {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
