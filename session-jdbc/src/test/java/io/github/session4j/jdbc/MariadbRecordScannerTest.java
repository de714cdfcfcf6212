package io.github.session4j.jdbc;

import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.testkit.RecordScannerContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC backend lists its rows page by page, on MariaDB (127.0.0.1:3306), whose id column is VARBINARY. */
class MariadbRecordScannerTest extends RecordScannerContract {

    private static JdbcTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = JdbcTestDatabase.create(JdbcTestDatabase.Kind.MARIADB);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected Map<String, String> settings() {
        return database.settings();
    }
}
