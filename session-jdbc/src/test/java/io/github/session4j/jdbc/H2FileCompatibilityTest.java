package io.github.session4j.jdbc;

import io.github.session4j.servers.JdbcTestDatabase;
/** The contract kit against H2_FILE, in a schema of its own. */
class H2FileCompatibilityTest extends JdbcCompatibilityKit {

    @Override
    JdbcTestDatabase.Kind kind() {
        return JdbcTestDatabase.Kind.H2_FILE;
    }
}
