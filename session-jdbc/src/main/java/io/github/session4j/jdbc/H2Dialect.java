package io.github.session4j.jdbc;

import java.util.Optional;

/**
 * H2 2.x: {@code FINAL TABLE} gives a one-statement load-and-touch; the sweep deletes through the
 * expiry index with {@code FETCH FIRST n ROWS ONLY}.
 */
final class H2Dialect extends Dialect {

    H2Dialect(String table, String tableName, boolean frames, boolean principal) {
        super(table, tableName, frames, principal);
    }

    @Override
    Dialect create(String table, String tableName, boolean frames, boolean principal) {
        return new H2Dialect(table, tableName, frames, principal);
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
    String principalType() {
        return "VARCHAR(64)";
    }

    @Override
    String dataType() {
        return "VARBINARY";
    }

    @Override
    Optional<String> loadAndTouch() {
        return Optional.of("SELECT " + loadedColumns() + " FROM FINAL TABLE (" + touch() + ")");
    }

    /** Without the cast H2 takes the parameter for text and mangles bytes over 127. */
    @Override
    String concatFrames() {
        return "COALESCE(frames, X'') || CAST(? AS VARBINARY)";
    }

    @Override
    String sweepStatement() {
        return "DELETE FROM " + table + " WHERE expires_at <= ? FETCH FIRST ? ROWS ONLY";
    }
}
