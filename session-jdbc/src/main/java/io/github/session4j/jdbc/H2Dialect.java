package io.github.session4j.jdbc;

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
    String keyType() {
        return "VARCHAR(255)";
    }

    @Override
    String dataType() {
        return "VARBINARY";
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
