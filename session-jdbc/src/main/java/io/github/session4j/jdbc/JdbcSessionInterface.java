package io.github.session4j.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.session4j.ExpiryRefresh;
import io.github.session4j.SessionConfig;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.Revalidation;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Sessions in one SQL table (H2, PostgreSQL, MariaDB or MySQL), one statement per operation.
 *
 * <p>Every expiry decision takes "now" from {@link io.github.session4j.spi.BackendContext#clock()}: the load statement
 * itself filters on {@code expires_at > now}, so an expired row is never returned even before the
 * sweeper removes it. Saves are conditional statements: an insert that only takes over an
 * expired row, and an update that only matches the expected version of a live row.
 *
 * <p>With {@code SESSION_DELTA_WRITES=true} the core appends small changes to large sessions
 * ({@link RecordAppender}): they go to the row's {@code frames} column, so the database rewrites
 * only that small value and leaves the record's {@code data} where it is. A table created by an
 * earlier session4j gets the column at start-up when {@code SESSION_JDBC_CREATE_TABLE} allows.
 *
 * <p>With {@code SESSION_RECORD_CACHE} the core reads a record it keeps by version
 * ({@link RecordRevalidator}): one {@code SELECT} that returns the row's {@code data} and
 * {@code frames} only when its version changed.
 *
 * <p>The principal index ({@link PrincipalIndex}) is the row's {@code principal} column (the core's
 * hash of the user, never the user name), indexed with {@code id}: the write that signs a session
 * in or out sets or clears it in the same statement, and listing a user's sessions is one
 * {@code SELECT} through that index that returns only live, non-empty rows. A table created by an
 * earlier session4j gets the column at start-up as it gets {@code frames}.
 *
 * <p>Create it with {@link #create(DataSource, SessionConfig)} to use a {@link DataSource} of
 * your own (you keep ownership: {@link #close()} does not close it), or let
 * {@link JdbcSessionInterfaceProvider} build a HikariCP pool from {@code SESSION_JDBC_URL}.
 *
 * <p>Thread-safe.
 */
public final class JdbcSessionInterface
        implements SessionInterface, RecordAppender, RecordRevalidator, ExpirySweeper, SessionCounter, PrincipalIndex {

    /** New rows start at a random version below this bound, so that increments never wrap. */
    private static final long VERSION_BOUND = 1L << 62;

    private final SqlExecutor executor;
    private final Dialect dialect;
    private final Clock clock;
    private final String keyPrefix;
    private final HikariDataSource ownedPool;
    private final BackgroundSweeper sweeper;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int statementTimeoutSeconds;
    private final DatabaseClock fence;

    private JdbcSessionInterface(SqlExecutor executor, JdbcSettings settings, Clock clock, HikariDataSource ownedPool) {
        this.executor = executor;
        this.statementTimeoutSeconds = settings.statementTimeoutSeconds();
        this.clock = clock;
        this.keyPrefix = settings.keyPrefix();
        this.ownedPool = ownedPool;
        this.dialect = SessionTable.prepare(executor, settings);
        this.fence = dialect.serverMillis().map(sql -> new DatabaseClock(executor, sql, settings.statementTimeout())).orElse(null);
        this.sweeper = BackgroundSweeper.start(this, settings);
    }

    /**
     * Creates a backend on a {@link DataSource} that the caller owns and closes. The
     * {@code SESSION_JDBC_URL}, {@code _USER}, {@code _PASSWORD}, {@code _CONNECT_TIMEOUT} and
     * {@code _POOL_*} settings are not used; the table, schema and sweeper settings are.
     *
     * @param dataSource the connections to use, in auto-commit mode or not
     * @param config the configuration
     * @return a ready backend
     * @throws io.github.session4j.SessionConfigException when a setting is invalid or the
     *     database product is not supported
     * @throws io.github.session4j.SessionBackendException when the database cannot be reached or
     *     the table is missing and may not be created
     */
    public static JdbcSessionInterface create(DataSource dataSource, SessionConfig config) {
        return create(dataSource, BackendContext.validate(new JdbcSessionInterfaceProvider(), config, Clock.systemUTC()));
    }

    /**
     * Creates a backend on a {@link DataSource} that the caller owns and closes, with the core
     * settings and clock of {@code context}; otherwise as {@link #create(DataSource, SessionConfig)}.
     *
     * @param dataSource the connections to use, in auto-commit mode or not
     * @param context the configuration, the validated core settings and the clock
     * @return a ready backend
     * @throws io.github.session4j.SessionConfigException when a setting is invalid or the
     *     database product is not supported
     * @throws io.github.session4j.SessionBackendException when the database cannot be reached or
     *     the table is missing and may not be created
     */
    public static JdbcSessionInterface create(DataSource dataSource, BackendContext context) {
        Objects.requireNonNull(dataSource, "dataSource");
        JdbcSettings settings = JdbcSettings.from(context.config(), context.core());
        String target = "the DataSource " + dataSource.getClass().getName();
        return new JdbcSessionInterface(new SqlExecutor(dataSource, target, List.of()), settings, context.clock(), null);
    }

    /**
     * Creates a backend on a pool that it owns and closes.
     *
     * @param pool the pool, already started
     * @param settings the settings the pool was built from
     * @param clock the clock of every expiry decision
     * @return a ready backend; the pool is closed when this fails
     */
    static JdbcSessionInterface createOwning(HikariDataSource pool, JdbcSettings settings, Clock clock) {
        try {
            SqlExecutor executor = new SqlExecutor(pool, settings.maskedUrl(), settings.secrets());
            return new JdbcSessionInterface(executor, settings, clock, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        long now = clock.millis();
        return executor.run("load a session", c -> {
            try (PreparedStatement statement = prepare(c, dialect.load())) {
                statement.setString(1, key);
                statement.setLong(2, now);
                return readRecord(statement, dialect.frames);
            }
        });
    }

    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        Optional<String> sql = dialect.loadAndTouch();
        long now = clock.millis();
        if (sql.isEmpty()) {
            // Two statements (MariaDB/MySQL have no UPDATE ... RETURNING); the answer carries the new expiry.
            return load(key).map(found -> {
                touch(key, ttl, now);
                return new StoredRecord(found.data(), found.version(), Instant.ofEpochMilli(expiry(now, ttl)));
            });
        }
        return executor.run("load and refresh a session", c -> {
            try (PreparedStatement statement = prepare(c, sql.get())) {
                statement.setLong(1, expiry(now, ttl));
                statement.setString(2, key);
                statement.setLong(3, now);
                return readRecord(statement, dialect.frames);
            }
        });
    }

    /**
     * {@code false}: a refresh is a row write, so the core reads with one {@code SELECT} and sends
     * one small {@code UPDATE} only when a refresh is due, rather than rewriting the row on every
     * read. {@link #loadAndTouch} still costs one statement on PostgreSQL and H2 for callers that
     * want both at once.
     *
     * @return {@code false}
     */
    @Override
    public boolean refreshesInLoad() {
        return false;
    }

    /**
     * One statement per write (a create that finds an expired row of its id takes a second): an
     * insert, or an {@code UPDATE} that checks the version. A replace or an append leaves the row
     * at one more than the expected version and reports it; a create reports the random version a
     * new row starts at, and an unknown one when it took over an expired row.
     *
     * The write's {@link IndexChange} is part of the same statement: a create sets the row's
     * {@code principal} to the added principal key (null for none), a replace or an append leaves
     * it for none, sets it for an add or a move, and clears it for a remove, so a lost race changes
     * no entry.
     *
     * @throws IllegalStateException for an append when the table has no {@code frames} column (a
     *     table of an earlier session4j that could not be altered; start-up then refuses
     *     {@code SESSION_DELTA_WRITES=true}, and {@link #capability} has no {@link RecordAppender})
     * @throws IllegalArgumentException for an index change when the table has no {@code principal}
     *     column ({@link #capability} then has no {@link PrincipalIndex})
     */
    @Override
    public WriteResult write(RecordWrite write) {
        if (!write.index().isNone()) {
            requirePrincipalColumn();
        }
        return write.match(create -> createRecord(create.key(), create.record(), create.ttl(), create.index()),
                replace -> WriteResult.of(conditionalWrite("save a session", dialect.replace(replace.index()), replace.key(),
                        replace.record(), replace.expectedVersion(), replace.ttl(), replace.index()),
                        replace.expectedVersion() + 1),
                append -> WriteResult.of(appendRecord(append.key(), append.tail(), append.expectedVersion(), append.ttl(),
                        append.index()), append.expectedVersion() + 1));
    }

    /**
     * The capabilities of this backend's class, except {@link RecordAppender} on a table without
     * the {@code frames} column and {@link PrincipalIndex} on a table without the {@code principal}
     * column, and {@link RecordScanner} ({@link JdbcRecordScanner}).
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == RecordAppender.class && !dialect.frames || type == PrincipalIndex.class && !dialect.principal) {
            return Optional.empty();
        }
        if (type == RecordScanner.class) {
            return Optional.of(type.cast(new JdbcRecordScanner(executor, dialect, clock, keyPrefix)));
        }
        return SessionInterface.super.capability(type);
    }

    /**
     * One {@code SELECT} through the index on {@code (principal, id)}: the rows indexed under the
     * principal key after {@code after}, live and not empty (the core's tombstone), so it never
     * lists a dead session.
     */
    @Override
    public List<String> indexedKeys(String principalKey, String after, int limit) {
        Objects.requireNonNull(principalKey, "principalKey");
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE_SIZE + " but was " + limit);
        }
        requirePrincipalColumn();
        long now = clock.millis();
        return executor.run("list the sessions of a user", c -> {
            try (PreparedStatement statement = prepare(c, dialect.indexedKeys())) {
                statement.setString(1, principalKey);
                statement.setString(2, after == null ? "" : after);
                statement.setLong(3, now);
                statement.setInt(4, limit);
                List<String> keys = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
                return keys;
            }
        });
    }

    /** One {@code UPDATE} per {@value #MAX_PAGE_SIZE} keys that clears their {@code principal} where it is this one. */
    @Override
    public void unindex(String principalKey, Collection<String> keys) {
        Objects.requireNonNull(principalKey, "principalKey");
        requirePrincipalColumn();
        // sorted, so that two statements on overlapping rows lock them in the same order
        List<String> sorted = keys.stream().distinct().sorted().toList();
        for (int from = 0; from < sorted.size(); from += MAX_PAGE_SIZE) {
            List<String> chunk = sorted.subList(from, Math.min(sorted.size(), from + MAX_PAGE_SIZE));
            executor.run("take sessions out of the index of a user", c -> {
                try (PreparedStatement statement = prepare(c, dialect.unindex(chunk.size()))) {
                    statement.setString(1, principalKey);
                    for (int i = 0; i < chunk.size(); i++) {
                        statement.setString(i + 2, chunk.get(i));
                    }
                    return statement.executeUpdate();
                }
            });
        }
    }

    /** One {@code DELETE} of the row, which takes its {@code principal} entry with it. */
    @Override
    public void deleteIndexed(String key, String principalKey) {
        Objects.requireNonNull(principalKey, "principalKey");
        delete(key);
    }

    private void requirePrincipalColumn() {
        if (!dialect.principal) {
            throw new IllegalArgumentException("the jdbc backend keeps no index of sessions here: the session table "
                    + dialect.table + " has no column principal; add it with " + String.join("; ", dialect.addPrincipalColumn()));
        }
    }

    /**
     * Inserts the row, or takes over an expired row of the same id. A new row starts at a random
     * version, so that a key deleted and created again never has a version that a stale writer or
     * a {@code SESSION_RECORD_CACHE} could still hold; a taken-over row continues its own.
     */
    private WriteResult createRecord(String key, byte[] record, Duration ttl, IndexChange index) {
        String principal = index.added().orElse(null);
        long now = clock.millis();
        long expiresAt = expiry(now, ttl);
        long firstVersion = ThreadLocalRandom.current().nextLong(1, VERSION_BOUND);
        return executor.run("create a session", c -> {
            try (PreparedStatement insert = prepare(c, dialect.insert())) {
                insert.setString(1, key);
                insert.setBytes(2, record);
                insert.setLong(3, firstVersion);
                insert.setLong(4, expiresAt);
                int next = 5;
                if (dialect.principal) {
                    insert.setString(next++, principal);
                }
                if (dialect.insertTakesOverExpired()) {
                    insert.setLong(next, now);
                }
                // an insert that takes over an expired row keeps that row's version: unknown here
                int inserted = insert.executeUpdate();
                return inserted == 1 && !dialect.insertTakesOverExpired() ? WriteResult.written(firstVersion)
                        : inserted == 1 ? WriteResult.writtenVersionUnknown() : WriteResult.lostRace();
            } catch (SQLException e) {
                if (!dialect.isDuplicateKey(e)) {
                    throw e;
                }
            }
            // The id is taken: only an expired row may be overwritten (rare: costs a second statement).
            try (PreparedStatement takeOver = prepare(c, dialect.takeOver())) {
                int next = 1;
                takeOver.setBytes(next++, record);
                if (dialect.principal) {
                    takeOver.setString(next++, principal);
                }
                takeOver.setLong(next++, expiresAt);
                takeOver.setString(next++, key);
                takeOver.setLong(next, now);
                return takeOver.executeUpdate() == 1 ? WriteResult.writtenVersionUnknown() : WriteResult.lostRace();
            }
        });
    }

    /**
     * One {@code SELECT} of the row that returns {@code data} and {@code frames} only when the
     * version differs ({@link Dialect#revalidate()}): an unchanged 100 KB record costs the
     * database and the network a few bytes. With a TTL, a refresh follows as a second statement,
     * as in {@link #loadAndTouch} on MariaDB; the core asks for none, since this backend does not
     * {@linkplain #refreshesInLoad() refresh in the load}.
     */
    @Override
    public Revalidation revalidate(String key, long version, Duration ttl) {
        long now = clock.millis();
        Revalidation answer = executor.run("revalidate a session", c -> {
            try (PreparedStatement statement = prepare(c, dialect.revalidate())) {
                int index = 1;
                statement.setLong(index++, version);
                if (dialect.frames) {
                    statement.setLong(index++, version);
                }
                statement.setString(index++, key);
                statement.setLong(index, now);
                return readRevalidation(statement, version, dialect.frames);
            }
        });
        if (ttl == null || (!answer.isUnchanged() && answer.current().isEmpty())) {
            return answer;
        }
        touch(key, ttl, now);
        Instant refreshed = Instant.ofEpochMilli(expiry(now, ttl));
        return answer.isUnchanged() ? Revalidation.unchanged(refreshed) : Revalidation.changed(answer.current()
                .map(found -> new StoredRecord(found.data(), found.version(), refreshed)));
    }

    /**
     * Appends {@code tail} to the row's {@code frames} in one {@code UPDATE} that checks the
     * version, as a replace does, and that the record is not empty.
     */
    private boolean appendRecord(String key, byte[] tail, long expectedVersion, Duration ttl, IndexChange index) {
        if (!dialect.frames) {
            throw new IllegalStateException("the session table " + dialect.table + " has no column frames to append to;"
                    + " add it with " + dialect.addFramesColumn());
        }
        return conditionalWrite("save a change to a session", dialect.append(index), key, tail, expectedVersion, ttl, index);
    }

    /**
     * Runs a replace or an append: parameters bytes, the principal key of the index change (unless
     * none), the three of {@link Dialect#newExpiry()}, id, version, now. The row keeps its expiry
     * when that is at most the core's refresh interval ({@link ExpiryRefresh#interval}) before the
     * wanted one.
     */
    private boolean conditionalWrite(String what, String sql, String key, byte[] bytes, long expectedVersion, Duration ttl,
            IndexChange index) {
        long now = clock.millis();
        long wanted = expiry(now, ttl);
        long keepFrom = wanted - ExpiryRefresh.interval(ttl).toMillis();
        long deadline = fence == null ? 0 : fence.writeDeadline();
        return executor.run(what, c -> {
            try (PreparedStatement statement = prepare(c, sql)) {
                int next = 1;
                statement.setBytes(next++, bytes);
                if (!index.isNone()) {
                    statement.setString(next++, Dialect.indexParameter(index));
                }
                statement.setLong(next++, keepFrom);
                statement.setLong(next++, wanted);
                statement.setLong(next++, wanted);
                statement.setString(next++, key);
                statement.setLong(next++, expectedVersion);
                statement.setLong(next++, now);
                if (fence != null) {
                    statement.setLong(next, deadline);
                }
                return statement.executeUpdate() == 1;
            }
        });
    }

    /**
     * A statement of a request, with the statement timeout: the driver cancels it when it runs
     * longer (PostgreSQL: a cancel request, the statement fails and its transaction rolls back;
     * MariaDB Connector/J: {@code SET STATEMENT max_statement_time=N FOR}, the server aborts it).
     * A single statement in auto-commit mode is its own transaction, so a cancelled write leaves
     * the row as it was.
     */
    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            statement.setQueryTimeout(statementTimeoutSeconds);
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    @Override
    public void delete(String key) {
        executor.run("delete a session", c -> {
            try (PreparedStatement statement = prepare(c, dialect.delete())) {
                statement.setString(1, key);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public void touch(String key, Duration ttl) {
        touch(key, ttl, clock.millis());
    }

    private void touch(String key, Duration ttl, long now) {
        executor.run("refresh the expiry of a session", c -> {
            try (PreparedStatement statement = prepare(c, dialect.touch())) {
                statement.setLong(1, expiry(now, ttl));
                statement.setString(2, key);
                statement.setLong(3, now);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Deletes at most {@code maxRecords} expired rows in one small batch through the expiry index.
     *
     * @param maxRecords the upper bound, positive
     * @return how many rows were deleted
     */
    @Override
    public int sweepExpired(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive but was " + maxRecords);
        }
        long now = clock.millis();
        return executor.run("delete expired sessions", c -> dialect.sweep(c, now, maxRecords));
    }

    /**
     * Counts the live rows whose key starts with {@code SESSION_KEY_PREFIX}.
     *
     * @return the number of live sessions of this application
     */
    @Override
    public long countLive() {
        long now = clock.millis();
        String pattern = keyPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return executor.run("count sessions", c -> {
            try (PreparedStatement statement = c.prepareStatement(dialect.countLive())) {
                statement.setString(1, pattern);
                statement.setLong(2, now);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /**
     * Stops the background sweeper and closes the pool this backend built; a {@link DataSource}
     * handed in by the caller stays open. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sweeper.close();
        if (fence != null) {
            fence.close();
        }
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    @Override
    public String toString() {
        return "JdbcSessionInterface[" + dialect.product() + ", table " + dialect.table + " in " + executor.target() + "]";
    }

    private static Optional<StoredRecord> readRecord(PreparedStatement statement, boolean withFrames) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(recordOf(rows, withFrames)) : Optional.empty();
        }
    }

    /** Reads the row of {@link Dialect#revalidate()}: columns as {@link #recordOf}, data and frames null when unchanged. */
    private static Revalidation readRevalidation(PreparedStatement statement, long heldVersion, boolean withFrames)
            throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return Revalidation.changed(Optional.empty());
            }
            if (rows.getLong(2) == heldVersion) {
                return Revalidation.unchanged(Instant.ofEpochMilli(rows.getLong(3)));
            }
            return Revalidation.changed(Optional.of(recordOf(rows, withFrames)));
        }
    }

    /** The record of the current row: columns data, version, expires_at and, with frames, frames. */
    private static StoredRecord recordOf(ResultSet rows, boolean withFrames) throws SQLException {
        byte[] data = rows.getBytes(1);
        byte[] frames = withFrames ? rows.getBytes(4) : null;
        return new StoredRecord(frames == null ? data : concat(data, frames), rows.getLong(2),
                Instant.ofEpochMilli(rows.getLong(3)));
    }

    private static byte[] concat(byte[] data, byte[] frames) {
        byte[] record = Arrays.copyOf(data, data.length + frames.length);
        System.arraycopy(frames, 0, record, data.length, frames.length);
        return record;
    }

    private static long expiry(long now, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive but was " + ttl);
        }
        return now + ttl.toMillis();
    }
}
