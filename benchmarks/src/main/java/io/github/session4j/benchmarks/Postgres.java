package io.github.session4j.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The machine's PostgreSQL ({@code 127.0.0.1:5432}, user {@code postgres}, no password): a database
 * of the benchmarks' own, so that {@code pg_stat_database} counts nothing but the benchmarks.
 * {@code scripts/bench.sh} creates it and passes its name in {@code -Dbench.pg.database}; without
 * that, the first use creates {@code session4j_bench_<random>} and the JVM drops it on exit.
 */
final class Postgres {

    static final String HOW_TO_START = "start it with: bash scripts/services/jdbc.sh"
            + " (PostgreSQL on 127.0.0.1:5432, user postgres without password)";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";

    private final String database;

    private Postgres(String database) {
        this.database = database;
    }

    /**
     * The given database, or a new one dropped when the JVM exits.
     *
     * @param given the database from the script, or null
     * @return the database
     */
    static Postgres open(String given) {
        if (given != null) {
            return new Postgres(given);
        }
        String name = "session4j_bench_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        execute("postgres", "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        return new Postgres(name);
    }

    /**
     * The JDBC URL of the database.
     *
     * @return the URL
     */
    String url() {
        return SERVER + database;
    }

    /**
     * The user.
     *
     * @return {@code postgres}
     */
    String user() {
        return USER;
    }

    /**
     * The database name.
     *
     * @return the name
     */
    String database() {
        return database;
    }

    /**
     * A new connection to the database, in auto-commit mode.
     *
     * @return the connection
     */
    Connection connect() {
        return connect(database);
    }

    /**
     * The server's {@code synchronous_commit}, to print beside every PostgreSQL figure.
     *
     * @return such as {@code on}
     */
    String synchronousCommit() {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW synchronous_commit")) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read synchronous_commit: " + e.getMessage(), e);
        }
    }

    private static Connection connect(String database) {
        try {
            return DriverManager.getConnection(SERVER + database, USER, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to PostgreSQL database " + database + " at 127.0.0.1:5432 as "
                    + USER + " (" + e.getMessage() + "); " + HOW_TO_START, e);
        }
    }

    private static void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused '" + sql + "': " + e.getMessage(), e);
        }
    }
}
