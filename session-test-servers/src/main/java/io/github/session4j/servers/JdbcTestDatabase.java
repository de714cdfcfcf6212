package io.github.session4j.servers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A real database for one test: the machine's PostgreSQL or MariaDB, or an H2 database, with a
 * schema (PostgreSQL, H2) or database (MariaDB) named {@code tck_<random>} that this object
 * creates and {@link #close() drops}, so tests never touch data they did not create. The JDBC
 * driver of the kind is the user's dependency.
 */
public final class JdbcTestDatabase implements AutoCloseable {

    /** The kinds of database the tests run against. */
    public enum Kind {
        /** H2 in files under a temporary directory. */
        H2_FILE,
        /** H2 in memory. */
        H2_MEM,
        /** The machine's PostgreSQL on 127.0.0.1:5432, user postgres, database test. */
        POSTGRESQL,
        /** The machine's MariaDB on 127.0.0.1:3306, user root, database test. */
        MARIADB
    }

    /** Where the machine's PostgreSQL listens. */
    public static final String POSTGRES_HOST_PORT = "127.0.0.1:5432";
    /** Where the machine's MariaDB listens. */
    public static final String MARIADB_HOST_PORT = "127.0.0.1:3306";

    private final Kind kind;
    private final String schema;
    private final String url;
    private final String user;
    private final Path directory;

    private JdbcTestDatabase(Kind kind, String schema, String url, String user, Path directory) {
        this.kind = kind;
        this.schema = schema;
        this.url = url;
        this.user = user;
        this.directory = directory;
    }

    /**
     * Creates a fresh schema (or MariaDB database) in a database of {@code kind}.
     *
     * @param kind the database
     * @return the database, to close (which drops the schema)
     * @throws AssertionError if the server is not reachable, saying how to start it
     */
    public static JdbcTestDatabase create(Kind kind) {
        String schema = "tck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        JdbcTestDatabase database = switch (kind) {
            case H2_FILE -> {
                Path dir = Loopback.tempDir("jdbc-h2");
                yield new JdbcTestDatabase(kind, schema, "jdbc:h2:file:" + dir.resolve("sessions"), "", dir);
            }
            case H2_MEM -> new JdbcTestDatabase(kind, schema, "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "", null);
            case POSTGRESQL -> new JdbcTestDatabase(kind, schema, "jdbc:postgresql://" + POSTGRES_HOST_PORT + "/test",
                    "postgres", null);
            case MARIADB -> new JdbcTestDatabase(kind, schema, "jdbc:mariadb://" + MARIADB_HOST_PORT + "/test", "root",
                    null);
        };
        database.execute((kind == Kind.MARIADB ? "CREATE DATABASE " : "CREATE SCHEMA ") + schema);
        return database;
    }

    /**
     * The kind of database.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The schema (or MariaDB database) of this test.
     *
     * @return such as {@code tck_1a2b3c4d5e6f}
     */
    public String schema() {
        return schema;
    }

    /**
     * The JDBC URL, without schema.
     *
     * @return the URL
     */
    public String url() {
        return url;
    }

    /**
     * The user.
     *
     * @return the user, empty for H2
     */
    public String user() {
        return user;
    }

    /**
     * The default session table of this test's schema.
     *
     * @return {@code schema.sessions}
     */
    public String table() {
        return schema + ".sessions";
    }

    /**
     * The settings that point session-jdbc at this database and schema, with the background
     * sweeper off (tests that need it turn it on).
     *
     * @return mutable settings, {@code SESSION_TYPE=jdbc} included
     */
    public Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("SESSION_TYPE", "jdbc");
        settings.put("SESSION_JDBC_URL", url);
        if (!user.isEmpty()) {
            settings.put("SESSION_JDBC_USER", user);
        }
        settings.put("SESSION_JDBC_SCHEMA", schema);
        settings.put("SESSION_JDBC_SWEEP_INTERVAL", "0");
        return settings;
    }

    /**
     * Opens a plain JDBC connection, outside any pool: the tests' side door into the table.
     *
     * @return an auto-commit connection
     * @throws AssertionError if the server is not reachable, saying how to start it
     */
    public Connection connect() {
        try {
            return DriverManager.getConnection(url, user, "");
        } catch (SQLException e) {
            throw new AssertionError(kind + " is not reachable at " + url + " as user '" + user + "' (" + e.getMessage()
                    + "). Start it with: bash scripts/services/jdbc.sh (as root), which installs and starts"
                    + " PostgreSQL and MariaDB", e);
        }
    }

    /**
     * Runs statements through the side door.
     *
     * @param sql the statements
     */
    public void execute(String... sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(kind + ": " + e.getMessage(), e);
        }
    }

    /**
     * Counts rows of this test's table through the side door.
     *
     * @param where a condition, such as {@code expires_at <= 5}
     * @return the number of rows
     */
    public long count(String where) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table() + " WHERE " + where)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(kind + ": " + e.getMessage(), e);
        }
    }

    /** Drops the schema and, for H2, the database. */
    @Override
    public void close() {
        switch (kind) {
            case MARIADB -> execute("DROP DATABASE IF EXISTS " + schema);
            case POSTGRESQL -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            default -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "SHUTDOWN");
        }
        Loopback.deleteTree(directory);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
