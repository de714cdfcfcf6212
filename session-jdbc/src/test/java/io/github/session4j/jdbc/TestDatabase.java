package io.github.session4j.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real database for one test: the machine's PostgreSQL or MariaDB, or an H2 database, with a
 * schema (PostgreSQL, H2) or database (MariaDB) named {@code tck_<random>} that this object
 * creates and drops, so tests never touch data they did not create.
 */
final class TestDatabase implements AutoCloseable {

    /** The kinds of database the tests run against. */
    enum Kind {
        /** H2 in files under a temporary directory. */
        H2_FILE,
        /** H2 in memory. */
        H2_MEM,
        /** The machine's PostgreSQL on 127.0.0.1:5432, user postgres, database test. */
        POSTGRESQL,
        /** The machine's MariaDB on 127.0.0.1:3306, user root, database test. */
        MARIADB
    }

    static final String POSTGRES_HOST_PORT = "127.0.0.1:5432";
    static final String MARIADB_HOST_PORT = "127.0.0.1:3306";

    private final Kind kind;
    private final String schema;
    private final String url;
    private final String user;
    private final Path directory;

    private TestDatabase(Kind kind, String schema, String url, String user, Path directory) {
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
     */
    static TestDatabase create(Kind kind) {
        String schema = "tck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestDatabase database = switch (kind) {
            case H2_FILE -> {
                Path dir = tempDirectory();
                yield new TestDatabase(kind, schema, "jdbc:h2:file:" + dir.resolve("sessions"), "", dir);
            }
            case H2_MEM -> new TestDatabase(kind, schema, "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "", null);
            case POSTGRESQL -> new TestDatabase(kind, schema, "jdbc:postgresql://" + POSTGRES_HOST_PORT + "/test",
                    "postgres", null);
            case MARIADB -> new TestDatabase(kind, schema, "jdbc:mariadb://" + MARIADB_HOST_PORT + "/test", "root", null);
        };
        database.execute((kind == Kind.MARIADB ? "CREATE DATABASE " : "CREATE SCHEMA ") + schema);
        return database;
    }

    Kind kind() {
        return kind;
    }

    /** The schema (or MariaDB database) of this test. */
    String schema() {
        return schema;
    }

    /** The JDBC URL, without schema. */
    String url() {
        return url;
    }

    /** The user, empty for H2. */
    String user() {
        return user;
    }

    /** {@code schema.sessions}, the default table of this test's schema. */
    String table() {
        return schema + ".sessions";
    }

    /**
     * The settings that point the backend at this database and schema, with the background
     * sweeper off (tests that need it turn it on).
     *
     * @return mutable settings
     */
    Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("SESSION_TYPE", "jdbc");
        settings.put(JdbcSettings.URL, url);
        if (!user.isEmpty()) {
            settings.put(JdbcSettings.USER, user);
        }
        settings.put(JdbcSettings.SCHEMA, schema);
        settings.put(JdbcSettings.SWEEP_INTERVAL, "0");
        return settings;
    }

    /**
     * Opens a plain JDBC connection, outside any pool: the tests' side door into the table.
     *
     * @return an auto-commit connection
     */
    Connection connect() {
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
    void execute(String... sql) {
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
    long count(String where) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table() + " WHERE " + where)) {
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
        if (directory != null) {
            deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("session4j-jdbc-h2");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
