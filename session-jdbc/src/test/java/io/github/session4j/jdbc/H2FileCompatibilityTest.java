package io.github.session4j.jdbc;

/** The contract kit against H2_FILE, in a schema of its own. */
class H2FileCompatibilityTest extends JdbcCompatibilityKit {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2_FILE;
    }
}
