package io.github.session4j.jdbc;

import java.util.Optional;

/**
 * PostgreSQL: {@code INSERT ... ON CONFLICT} creates (or takes over an expired row) in one
 * statement, {@code UPDATE ... RETURNING} loads and touches in one, and the sweep skips rows that
 * a request holds ({@code FOR UPDATE SKIP LOCKED}), so it never waits for a request; a request
 * waits at most for one small batch, and only for an expired row.
 */
final class PostgresDialect extends Dialect {

    PostgresDialect(String table, String tableName, boolean frames, boolean principal) {
        super(table, tableName, frames, principal);
    }

    @Override
    Dialect create(String table, String tableName, boolean frames, boolean principal) {
        return new PostgresDialect(table, tableName, frames, principal);
    }

    @Override
    String product() {
        return "PostgreSQL";
    }

    @Override
    String keyType() {
        return "VARCHAR(255) COLLATE \"C\"";
    }

    @Override
    String principalType() {
        return "VARCHAR(64) COLLATE \"C\"";
    }

    @Override
    String dataType() {
        return "BYTEA";
    }

    @Override
    String insert() {
        return "INSERT INTO " + table + " AS s (" + insertedColumns() + ") VALUES (" + insertedValues() + ")"
                + " ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, " + clearFrames()
                + (principal ? "principal = EXCLUDED.principal, " : "") + "version = s.version + 1,"
                + " expires_at = EXCLUDED.expires_at WHERE s.expires_at <= ?";
    }

    /**
     * Partial: only rows of signed-in sessions are in it, so that creating and deleting the rows of
     * anonymous sessions writes no entry in it, and their saves stay heap-only (HOT) updates.
     */
    @Override
    String createPrincipalIndex() {
        return "CREATE INDEX IF NOT EXISTS " + principalIndex + " ON " + table + " (principal, id) WHERE principal IS NOT NULL";
    }

    @Override
    boolean insertTakesOverExpired() {
        return true;
    }

    @Override
    Optional<String> loadAndTouch() {
        return Optional.of(touch() + " RETURNING " + loadedColumns());
    }

    /** {@code clock_timestamp()}: the time the server reads now, not the transaction's start. */
    @Override
    Optional<String> serverMillis() {
        return Optional.of("SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");
    }

    /** A statement that the server runs later than its deadline matches no row. */
    @Override
    String writeFence() {
        return " AND clock_timestamp() <= to_timestamp(CAST(? AS DOUBLE PRECISION) / 1000)";
    }

    /** PostgreSQL reads {@code X''} as a bit string, not as {@code bytea}. */
    @Override
    String concatFrames() {
        return "COALESCE(frames, ''::BYTEA) || ?";
    }

    @Override
    String sweepStatement() {
        return "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)";
    }
}
