package io.github.session4j.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract kit against MARIADB, in a schema of its own. */
class MariadbCompatibilityTest extends JdbcCompatibilityKit {

    private static TestDatabase database;

    @BeforeAll
    static void createSchema() {
        database = TestDatabase.create(TestDatabase.Kind.MARIADB);
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
