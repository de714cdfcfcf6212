package io.github.session4j.jdbc;

import java.util.List;
import java.util.Optional;

/**
 * H2 2.x: {@code FINAL TABLE} gives a one-statement load-and-touch; the sweep deletes through the
 * expiry index with {@code FETCH FIRST n ROWS ONLY}.
 */
final class H2Dialect extends Dialect {

    H2Dialect(String table, String tableName) {
        super(table, tableName);
    }

    @Override
    String product() {
        return "H2";
    }

    @Override
    List<String> createTable() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " ("
                        + "id VARCHAR(255) NOT NULL PRIMARY KEY, "
                        + "data VARBINARY NOT NULL, "
                        + "version BIGINT NOT NULL, "
                        + "expires_at BIGINT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS " + expiryIndex + " ON " + table + " (expires_at)");
    }

    @Override
    Optional<String> loadAndTouch() {
        return Optional.of("SELECT data, version, expires_at FROM FINAL TABLE (" + touch() + ")");
    }

    @Override
    String sweepStatement() {
        return "DELETE FROM " + table + " WHERE expires_at <= ? FETCH FIRST ? ROWS ONLY";
    }
}
