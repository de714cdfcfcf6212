package io.github.session4j.jdbc;

import io.github.session4j.servers.JdbcSideDoor;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract kit against one database: a schema (or MariaDB database) is created before the
 * tests of each subclass and dropped after them.
 *
 * <p>The kit's budget checks use its default counter (calls through the SPI); statements at the
 * driver are counted by {@link StatementBudgetTest} and {@link ManagerBudgetTest}. (The kit builds
 * the manager of two budget tests inside the measured request, so a driver-level counter would
 * also see the backend's start-up statements: the table DDL and its check.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcCompatibilityKit extends SessionInterfaceCompatibilityKit {

    private JdbcTestDatabase database;

    /**
     * The database of the concrete test class.
     *
     * @return the kind of database
     */
    abstract JdbcTestDatabase.Kind kind();

    @BeforeAll
    void createSchema() {
        database = JdbcTestDatabase.create(kind());
    }

    @AfterAll
    void dropSchema() {
        database.close();
    }

    private JdbcTestDatabase database() {
        return database;
    }

    @Override
    protected SessionInterfaceProvider provider() {
        return new JdbcSessionInterfaceProvider();
    }

    @Override
    protected Map<String, String> backendSettings() {
        Map<String, String> settings = database().settings();
        settings.remove("SESSION_TYPE");
        // Tests open many backends at once: small pools stay within PostgreSQL's max_connections.
        settings.put("SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE", "4");
        settings.put("SESSION_JDBC_POOL_MINIMUM_IDLE", "1");
        return settings;
    }

    @Override
    protected SideDoor sideDoor() {
        return new PrincipalColumnSideDoor(new JdbcSideDoor(database(), this::clock), database());
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.CLOCK;
    }

}
