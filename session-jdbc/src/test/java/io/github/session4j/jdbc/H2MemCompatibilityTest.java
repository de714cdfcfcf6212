package io.github.session4j.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract kit against H2_MEM, in a schema of its own. */
class H2MemCompatibilityTest extends JdbcCompatibilityKit {

    private static TestDatabase database;

    @BeforeAll
    static void createSchema() {
        database = TestDatabase.create(TestDatabase.Kind.H2_MEM);
    }

    @AfterAll
    static void dropSchema() {
        database.close();
    }

    @Override
    TestDatabase database() {
        return database;
    }
}
