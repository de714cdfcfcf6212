package io.github.session4j.jdbc;

/** The contract kit against H2_MEM, in a schema of its own. */
class H2MemCompatibilityTest extends JdbcCompatibilityKit {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2_MEM;
    }
}
