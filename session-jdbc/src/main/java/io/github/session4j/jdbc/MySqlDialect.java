package io.github.session4j.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * MariaDB and MySQL (InnoDB). The key column is {@code VARBINARY}, so keys compare byte for byte
 * whatever the server's collation.
 *
 * <p>The sweep runs in two statements: a non-locking read of expired ids through the expiry
 * index, then a delete of those ids by primary key that re-checks the expiry. A single
 * {@code DELETE ... WHERE expires_at < ? LIMIT n} would lock the expiry index before the rows,
 * the opposite order of a request's {@code UPDATE} by primary key, and can deadlock with it.
 */
final class MySqlDialect extends Dialect {

    MySqlDialect(String table, String tableName, boolean frames, boolean principal) {
        super(table, tableName, frames, principal);
    }

    @Override
    Dialect create(String table, String tableName, boolean frames, boolean principal) {
        return new MySqlDialect(table, tableName, frames, principal);
    }

    @Override
    String product() {
        return "MariaDB/MySQL";
    }

    @Override
    String keyType() {
        return "VARBINARY(255)";
    }

    @Override
    String principalType() {
        return "VARBINARY(64)";
    }

    @Override
    String dataType() {
        return "MEDIUMBLOB";
    }

    /** MySQL has no {@code CREATE INDEX IF NOT EXISTS}: the indexes are declared in the table. */
    @Override
    List<String> createTable() {
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " (" + columns() + ", INDEX " + expiryIndex
                + " (expires_at), INDEX " + principalIndex + " (principal, id)) ENGINE=InnoDB");
    }

    /** One statement, so that the column never exists without its index. */
    @Override
    List<String> addPrincipalColumn() {
        return List.of("ALTER TABLE " + table + " ADD COLUMN principal " + principalType() + ", ADD INDEX " + principalIndex
                + " (principal, id)");
    }

    @Override
    String limit() {
        return "LIMIT ?";
    }

    /** {@code ||} is a logical or in MySQL's default SQL mode. */
    @Override
    String concatFrames() {
        return "CONCAT(COALESCE(frames, X''), ?)";
    }

    @Override
    boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == 1062;
    }

    @Override
    int sweep(Connection connection, long now, int max) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sweepStatement())) {
            select.setLong(1, now);
            select.setInt(2, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        Collections.sort(ids);
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE id IN (" + placeholders + ") AND expires_at <= ?")) {
            int index = 1;
            for (String id : ids) {
                delete.setString(index++, id);
            }
            delete.setLong(index, now);
            return delete.executeUpdate();
        }
    }

    @Override
    String sweepStatement() {
        return "SELECT id FROM " + table + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?";
    }
}
