package io.github.session4j.jdbc;

import io.github.session4j.SessionConfigException;
import io.github.session4j.spi.IndexChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL of one database product for one session table. Every statement is a single atomic
 * statement; the application never reads a row to decide how to write it.
 *
 * <p>The table has six columns: {@code id} (the store key, primary key, compared byte for
 * byte), {@code data} (the record bytes), {@code version} (a counter that every save
 * increments), {@code expires_at} (the expiry instant in epoch milliseconds, indexed),
 * {@code frames} (delta frames appended after the record, null when there are none) and
 * {@code principal} (the principal key a signed-in session is indexed under, null for the others;
 * indexed with {@code id}). The stored record is {@code data} followed by {@code frames}: an
 * append writes only the small {@code frames} value, and the database keeps the large
 * {@code data} value where it is.
 *
 * <p>A table created by an earlier session4j may lack {@code frames} or {@code principal}; such a
 * dialect ({@link #withColumns}) leaves the missing column out of its statements: without
 * {@code frames} it cannot append, without {@code principal} it keeps no index.
 */
abstract class Dialect {

    /** The qualified table name. */
    final String table;
    /** The name of the index on {@code expires_at}. */
    final String expiryIndex;
    /** The name of the index on {@code (principal, id)}. */
    final String principalIndex;
    /** Whether the table has the {@code frames} column. */
    final boolean frames;
    /** Whether the table has the {@code principal} column. */
    final boolean principal;
    private final String tableName;

    Dialect(String table, String tableName, boolean frames, boolean principal) {
        this.table = table;
        this.tableName = tableName;
        this.expiryIndex = tableName + "_expires_at_idx";
        this.principalIndex = tableName + "_principal_idx";
        this.frames = frames;
        this.principal = principal;
    }

    /**
     * Picks the dialect from the product name that the driver reports.
     *
     * @param productName {@link java.sql.DatabaseMetaData#getDatabaseProductName()}
     * @param settings the settings, for the table name and the message
     * @return the dialect
     * @throws SessionConfigException when the database is not supported
     */
    static Dialect forProduct(String productName, JdbcSettings settings) {
        String product = productName.toLowerCase(Locale.ROOT);
        String table = settings.qualifiedTable();
        if (product.equals("h2")) {
            return new H2Dialect(table, settings.table(), true, true);
        }
        if (product.equals("postgresql")) {
            return new PostgresDialect(table, settings.table(), true, true);
        }
        if (product.equals("mariadb") || product.equals("mysql")) {
            return new MySqlDialect(table, settings.table(), true, true);
        }
        throw new SessionConfigException(JdbcSettings.URL + " points to a database that session-jdbc does not"
                + " support: " + productName + " (" + settings.maskedUrl() + "); use H2, PostgreSQL, MariaDB or MySQL");
    }

    /**
     * The same dialect for a table with or without the {@code frames} and {@code principal} columns.
     *
     * @param withFrames whether the table has {@code frames}
     * @param withPrincipal whether the table has {@code principal}
     * @return a dialect whose statements leave a missing column out
     */
    final Dialect withColumns(boolean withFrames, boolean withPrincipal) {
        return create(table, tableName, withFrames, withPrincipal);
    }

    /**
     * Creates a dialect of the same product.
     *
     * @param table the qualified table name
     * @param tableName the unqualified table name
     * @param frames whether the table has the {@code frames} column
     * @param principal whether the table has the {@code principal} column
     * @return the dialect
     */
    abstract Dialect create(String table, String tableName, boolean frames, boolean principal);

    /**
     * The product this dialect speaks to, for messages.
     *
     * @return such as {@code PostgreSQL}
     */
    abstract String product();

    /**
     * The SQL type of the key column, compared byte for byte.
     *
     * @return such as {@code VARCHAR(255) COLLATE "C"}
     */
    abstract String keyType();

    /**
     * The SQL type of the record bytes.
     *
     * @return such as {@code BYTEA}
     */
    abstract String dataType();

    /**
     * The SQL type of the principal key (43 base64url characters), compared byte for byte.
     *
     * @return such as {@code VARCHAR(64) COLLATE "C"}
     */
    abstract String principalType();

    /**
     * The statements that create the table, its expiry index and its principal index when they
     * are missing.
     *
     * @return DDL statements, each idempotent
     */
    List<String> createTable() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " (" + columns() + ")",
                "CREATE INDEX IF NOT EXISTS " + expiryIndex + " ON " + table + " (expires_at)",
                createPrincipalIndex());
    }

    /**
     * Creates the index on {@code (principal, id)} when it is missing.
     *
     * @return the DDL
     */
    String createPrincipalIndex() {
        return "CREATE INDEX IF NOT EXISTS " + principalIndex + " ON " + table + " (principal, id)";
    }

    /**
     * The column definitions of the table.
     *
     * @return the comma-separated definitions
     */
    final String columns() {
        // frames, then principal, last: where ALTER TABLE puts them in a table of an earlier session4j
        return "id " + keyType() + " NOT NULL PRIMARY KEY, data " + dataType() + " NOT NULL, "
                + "version BIGINT NOT NULL, expires_at BIGINT NOT NULL, frames " + dataType()
                + ", principal " + principalType();
    }

    /**
     * Adds the {@code frames} column to a table created by an earlier session4j (a change of the
     * table's metadata only: the column is null in every row).
     *
     * @return the DDL
     */
    String addFramesColumn() {
        return "ALTER TABLE " + table + " ADD COLUMN frames " + dataType();
    }

    /**
     * Selects no row but fails when the {@code frames} column is missing.
     *
     * @return the SQL
     */
    String probeFrames() {
        return "SELECT frames FROM " + table + " WHERE 1 = 0";
    }

    /**
     * Adds the {@code principal} column and its index to a table created by an earlier session4j
     * (the column is null in every row: no session of that table is indexed).
     *
     * @return the DDL statements, in order
     */
    List<String> addPrincipalColumn() {
        return List.of("ALTER TABLE " + table + " ADD COLUMN principal " + principalType(), createPrincipalIndex());
    }

    /**
     * Selects no row but fails when the {@code principal} column is missing.
     *
     * @return the SQL
     */
    String probePrincipal() {
        return "SELECT principal FROM " + table + " WHERE 1 = 0";
    }

    /**
     * The columns a load returns: data, version, expires_at and, where the table has it, frames.
     *
     * @return the comma-separated column names
     */
    final String loadedColumns() {
        return frames ? "data, version, expires_at, frames" : "data, version, expires_at";
    }

    /**
     * The assignment that drops the frames of a row whose {@code data} is rewritten, if any.
     *
     * @return such as {@code "frames = NULL, "}, or an empty string
     */
    final String clearFrames() {
        return frames ? "frames = NULL, " : "";
    }

    /**
     * The columns of a new row: {@code id, data, version, expires_at} and, where the table has it,
     * {@code principal}.
     *
     * @return the comma-separated column names
     */
    final String insertedColumns() {
        return principal ? "id, data, version, expires_at, principal" : "id, data, version, expires_at";
    }

    /**
     * The placeholders of {@link #insertedColumns()}.
     *
     * @return such as {@code ?, ?, ?, ?, ?}
     */
    final String insertedValues() {
        return principal ? "?, ?, ?, ?, ?" : "?, ?, ?, ?";
    }

    /**
     * Inserts a new row. Parameters: id, data, version (random: see
     * {@link JdbcSessionInterface#write}), expires_at, principal (null for a session indexed under
     * none) where the table has the column, and, when {@link #insertTakesOverExpired()}, now.
     *
     * @return the SQL
     */
    String insert() {
        return "INSERT INTO " + table + " (" + insertedColumns() + ") VALUES (" + insertedValues() + ")";
    }

    /**
     * Whether {@link #insert()} itself replaces an expired row with the same id (and takes "now"
     * as a fourth parameter); otherwise it fails with a duplicate key and {@link #takeOver()}
     * follows.
     *
     * @return whether one statement does the whole create
     */
    boolean insertTakesOverExpired() {
        return false;
    }

    /**
     * Overwrites an expired row. Parameters: data, principal (where the table has the column),
     * expires_at, id, now.
     *
     * @return the SQL
     */
    String takeOver() {
        return "UPDATE " + table + " SET data = ?, " + clearFrames() + (principal ? "principal = ?, " : "")
                + "version = version + 1, expires_at = ? WHERE id = ? AND expires_at <= ?";
    }

    /**
     * The assignment of a replace or an append that applies an index change to the row's
     * {@code principal}: none for {@link IndexChange#none()} (the row keeps its principal), the added
     * principal key for an add or a move, and null for a remove when the row is indexed under the
     * removed key (a row indexed under another key keeps it). One parameter, {@link #indexParameter},
     * unless the change is none.
     *
     * @param change the write's index change
     * @return such as {@code "principal = ?, "}, or an empty string
     */
    static String principalAssignment(IndexChange change) {
        if (change.isNone()) {
            return "";
        }
        return change.added().isPresent() ? "principal = ?, " : "principal = CASE WHEN principal = ? THEN NULL ELSE principal END, ";
    }

    /**
     * The parameter of {@link #principalAssignment}: the added principal key, else the removed one.
     *
     * @param change a change that is not none
     * @return the principal key
     */
    static String indexParameter(IndexChange change) {
        return change.added().or(change::removed).orElseThrow();
    }

    /**
     * Lists a page of the live, non-empty rows indexed under a principal key, through the
     * principal index. Parameters: principal, the last id of the previous page (empty for the
     * first), now, the most rows. Column: id.
     *
     * @return the SQL
     */
    final String indexedKeys() {
        return "SELECT id FROM " + table + " WHERE principal = ? AND id > ? AND expires_at > ? AND OCTET_LENGTH(data) > 0"
                + " ORDER BY id " + limit();
    }

    /**
     * The clause that ends a query after a number of rows given as its last parameter.
     *
     * @return such as {@code FETCH FIRST ? ROWS ONLY}
     */
    String limit() {
        return "FETCH FIRST ? ROWS ONLY";
    }

    /**
     * Takes rows out of a principal's index. Parameters: principal, then {@code count} ids.
     *
     * @param count how many ids, positive
     * @return the SQL
     */
    final String unindex(int count) {
        return "UPDATE " + table + " SET principal = NULL WHERE principal = ? AND id IN ("
                + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    /**
     * Reads a live row. Parameters: id, now. Columns: {@link #loadedColumns()}.
     *
     * @return the SQL
     */
    String load() {
        return "SELECT " + loadedColumns() + " FROM " + table + " WHERE id = ? AND expires_at > ?";
    }

    /**
     * Reads a live row unless it still has a version the caller holds: the same columns as
     * {@link #load()}, with {@code data} and {@code frames} null when the version matches, so that
     * the database does not read (on PostgreSQL, de-TOAST) a large record nobody needs.
     * Parameters: version (once, or twice with frames), id, now.
     *
     * @return the SQL
     */
    final String revalidate() {
        String frameColumn = frames ? ", CASE WHEN version = ? THEN NULL ELSE frames END" : "";
        return "SELECT CASE WHEN version = ? THEN NULL ELSE data END, version, expires_at" + frameColumn
                + " FROM " + table + " WHERE id = ? AND expires_at > ?";
    }

    /**
     * Sets the expiry of a live row and returns it, in one statement, where the database can.
     * Parameters: expires_at, id, now. Columns: {@link #loadedColumns()}.
     *
     * @return the SQL, or empty where the database has no such statement
     */
    Optional<String> loadAndTouch() {
        return Optional.empty();
    }

    /**
     * Replaces a live row whose version matches. Parameters: data, the principal of
     * {@link #principalAssignment} unless the change is none, then those of {@link #newExpiry()},
     * then id, version, now.
     *
     * @param change the write's index change; only {@link IndexChange#none()} on a table without
     *     {@code principal}
     * @return the SQL
     */
    String replace(IndexChange change) {
        // MySQL applies SET assignments left to right: expires_at is assigned last on purpose.
        return "UPDATE " + table + " SET data = ?, " + clearFrames() + principalAssignment(change) + "version = version + 1,"
                + " expires_at = " + newExpiry() + " WHERE id = ? AND version = ? AND expires_at > ?" + writeFence();
    }

    /**
     * A query of one row and column: the server's current time in milliseconds since the epoch,
     * for the write fence ({@link DatabaseClock}); empty for a dialect without a fence.
     *
     * @return the SQL, or empty
     */
    Optional<String> serverMillis() {
        return Optional.empty();
    }

    /**
     * The condition that ends the {@code WHERE} of a replace and an append when the dialect has a
     * fence ({@link #serverMillis()}): one more parameter, the deadline in server milliseconds.
     *
     * @return the condition, or empty text
     */
    String writeFence() {
        return "";
    }

    /**
     * The expiry a save sets: the wanted one, unless the row's expiry is already at most a refresh
     * interval before it, which it then keeps. A save that leaves {@code expires_at} (an indexed
     * column) unchanged writes no index entry: PostgreSQL makes it a heap-only update, InnoDB leaves
     * the expiry index alone. Parameters: the earliest expiry to keep, the wanted expiry (the latest
     * to keep), the wanted expiry.
     *
     * @return the SQL expression
     */
    final String newExpiry() {
        return "CASE WHEN expires_at BETWEEN ? AND ? THEN expires_at ELSE ? END";
    }

    /**
     * Appends to the frames of a live, non-empty row whose version matches. Parameters: the
     * frames to add, the principal of {@link #principalAssignment} unless the change is none, then
     * those of {@link #newExpiry()}, then id, version, now. Only on a table with the {@code frames}
     * column.
     *
     * @param change the write's index change
     * @return the SQL
     */
    String append(IndexChange change) {
        return "UPDATE " + table + " SET frames = " + concatFrames() + ", " + principalAssignment(change)
                + "version = version + 1, expires_at = " + newExpiry()
                + " WHERE id = ? AND version = ? AND expires_at > ? AND OCTET_LENGTH(data) > 0" + writeFence();
    }

    /**
     * The expression of the {@code frames} column followed by the bytes of a parameter, where a
     * null {@code frames} counts as empty.
     *
     * @return the SQL expression
     */
    abstract String concatFrames();

    /**
     * Sets the expiry of a live row. Parameters: expires_at, id, now.
     *
     * @return the SQL
     */
    String touch() {
        return "UPDATE " + table + " SET expires_at = ? WHERE id = ? AND expires_at > ?";
    }

    /**
     * Deletes a row. Parameter: id.
     *
     * @return the SQL
     */
    String delete() {
        return "DELETE FROM " + table + " WHERE id = ?";
    }

    /**
     * Counts live rows whose id starts with a prefix. Parameters: LIKE pattern (escape {@code !}),
     * now.
     *
     * @return the SQL
     */
    String countLive() {
        return "SELECT COUNT(*) FROM " + table + " WHERE id LIKE ? ESCAPE '!' AND expires_at > ?";
    }

    /**
     * Selects no row but fails when the table or one of the four columns that every session4j
     * version has is missing ({@link #probeFrames()} checks the fifth).
     *
     * @return the SQL
     */
    String probe() {
        return "SELECT id, data, version, expires_at FROM " + table + " WHERE 1 = 0";
    }

    /**
     * Whether {@code e} reports a duplicate primary key.
     *
     * @param e the failure of an insert
     * @return whether another row with the same id exists
     */
    boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Deletes at most {@code max} rows that expired at or before {@code now}, in small
     * transactions that lock only the rows they delete.
     *
     * @param connection an auto-commit connection
     * @param now the current time in epoch milliseconds
     * @param max the most rows to delete
     * @return how many rows were deleted
     * @throws SQLException when the database fails
     */
    int sweep(Connection connection, long now, int max) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sweepStatement())) {
            statement.setLong(1, now);
            statement.setInt(2, max);
            return statement.executeUpdate();
        }
    }

    /**
     * The one statement that {@link #sweep} runs. Parameters: now, max.
     *
     * @return the SQL
     */
    abstract String sweepStatement();
}
