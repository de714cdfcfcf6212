package io.github.session4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The principal index on every supported database: the {@code principal} column follows the index
 * change of each write in the write's own statement, listing goes through the index and returns only
 * live, non-empty rows, and a lost race changes no entry. Checked through the side door with plain
 * JDBC; statements counted at the driver ({@link CountingDriver}).
 */
class JdbcPrincipalIndexTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final String ALICE = "A".repeat(42) + "a";
    private static final String BOB = "B".repeat(42) + "b";
    private static final String KEY = "session:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

    private static Fixture counting(JdbcTestDatabase.Kind kind) {
        return Fixture.open(kind, s -> s.put(JdbcSettings.URL, CountingDriver.countingUrl(s.get(JdbcSettings.URL))));
    }

    private static long statements(Runnable operation) {
        long before = CountingDriver.COUNTER.count();
        operation.run();
        return CountingDriver.COUNTER.count() - before;
    }

    private static <T> T counted(long expected, String what, Supplier<T> operation) {
        long before = CountingDriver.COUNTER.count();
        T result = operation.get();
        assertThat(CountingDriver.COUNTER.count() - before).as("statements of " + what).isEqualTo(expected);
        return result;
    }

    private static boolean write(JdbcSessionInterface backend, RecordWrite write) {
        return backend.write(write).isWritten();
    }

    private static long version(JdbcSessionInterface backend, String key) {
        return backend.load(key).orElseThrow().version();
    }

    /** The row's principal column through the side door; empty when it is null or there is no row. */
    private static Optional<String> principalOf(Fixture f, String table, String key) {
        try (Connection connection = f.database.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT principal FROM " + table + " WHERE id = ?")) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> principalOf(Fixture f, String key) {
        return principalOf(f, f.database.table(), key);
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void eachWriteSetsKeepsOrClearsTheColumnInItsOwnStatement(JdbcTestDatabase.Kind kind) {
        try (Fixture f = counting(kind)) {
            JdbcSessionInterface b = f.backend;
            assertThat(b.capability(PrincipalIndex.class)).containsSame(b);

            assertThat(counted(1, "a create with add", () -> write(b, new RecordWrite.Create(KEY, DATA, TTL, IndexChange.add(ALICE)))))
                    .isTrue();
            assertThat(principalOf(f, KEY)).contains(ALICE);
            assertThat(counted(1, "indexedKeys", () -> b.indexedKeys(ALICE, null, 10))).containsExactly(KEY);

            long v1 = version(b, KEY);
            assertThat(counted(1, "a replace with none", () -> write(b, new RecordWrite.Replace(KEY, DATA, v1, TTL)))).isTrue();
            assertThat(principalOf(f, KEY)).as("a replace with none keeps the membership").contains(ALICE);
            assertThat(write(b, new RecordWrite.Append(KEY, DATA, version(b, KEY), TTL))).isTrue();
            assertThat(principalOf(f, KEY)).as("an append with none keeps it").contains(ALICE);

            assertThat(write(b, new RecordWrite.Replace(KEY, DATA, version(b, KEY), TTL, IndexChange.remove(BOB)))).isTrue();
            assertThat(principalOf(f, KEY)).as("a remove of another principal key changes nothing").contains(ALICE);

            long v2 = version(b, KEY);
            assertThat(counted(1, "a move", () -> write(b, new RecordWrite.Replace(KEY, DATA, v2, TTL, IndexChange.move(ALICE, BOB)))))
                    .isTrue();
            assertThat(principalOf(f, KEY)).contains(BOB);
            assertThat(b.indexedKeys(ALICE, null, 10)).isEmpty();
            assertThat(b.indexedKeys(BOB, null, 10)).containsExactly(KEY);

            assertThat(write(b, new RecordWrite.Append(KEY, DATA, version(b, KEY), TTL, IndexChange.move(BOB, ALICE)))).isTrue();
            assertThat(principalOf(f, KEY)).as("an append carries its change too").contains(ALICE);

            long v3 = version(b, KEY);
            assertThat(counted(1, "a tombstone with remove", () -> write(b, new RecordWrite.Replace(KEY, new byte[0], v3, TTL,
                    IndexChange.remove(ALICE))))).isTrue();
            assertThat(principalOf(f, KEY)).isEmpty();
            assertThat(f.row(KEY)).as("the tombstone row").isPresent();
            assertThat(b.indexedKeys(ALICE, null, 10)).isEmpty();

            String other = KEY + "2";
            assertThat(write(b, new RecordWrite.Create(other, DATA, TTL))).isTrue();
            assertThat(principalOf(f, other)).as("a create with none indexes nothing").isEmpty();
            assertThat(write(b, new RecordWrite.Replace(other, DATA, version(b, other), TTL, IndexChange.add(BOB)))).isTrue();
            assertThat(principalOf(f, other)).contains(BOB);
            assertThat(statements(() -> b.deleteIndexed(other, BOB))).as("deleteIndexed").isEqualTo(1);
            assertThat(f.row(other)).isEmpty();
            assertThat(b.indexedKeys(BOB, null, 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void lostRacesChangeNoEntry(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            JdbcSessionInterface b = f.backend;
            write(b, new RecordWrite.Create(KEY, DATA, TTL, IndexChange.add(ALICE)));
            long stale = version(b, KEY);
            Writes.replace(b, KEY, DATA, stale, TTL);

            assertThat(write(b, new RecordWrite.Create(KEY, DATA, TTL, IndexChange.add(BOB)))).as("a create over a live row").isFalse();
            assertThat(write(b, new RecordWrite.Replace(KEY, DATA, stale, TTL, IndexChange.remove(ALICE)))).isFalse();
            assertThat(write(b, new RecordWrite.Replace(KEY, DATA, stale, TTL, IndexChange.move(ALICE, BOB)))).isFalse();
            assertThat(write(b, new RecordWrite.Append(KEY, DATA, stale, TTL, IndexChange.add(BOB)))).isFalse();
            assertThat(write(b, new RecordWrite.Replace("session:missing", DATA, stale, TTL, IndexChange.add(BOB)))).isFalse();

            assertThat(principalOf(f, KEY)).contains(ALICE);
            assertThat(b.indexedKeys(ALICE, null, 10)).containsExactly(KEY);
            assertThat(b.indexedKeys(BOB, null, 10)).isEmpty();
            assertThat(f.row("session:missing")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void listingNeverReturnsADeadRow(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            JdbcSessionInterface b = f.backend;
            String expiring = "session:1-expiring";
            String tombstone = "session:2-tombstone";
            String deleted = "session:3-deleted";
            String live = "session:4-live";
            String unindexed = "session:5-unindexed";
            for (String key : List.of(expiring, tombstone, deleted, live, unindexed)) {
                write(b, new RecordWrite.Create(key, DATA, key.equals(expiring) ? Duration.ofMinutes(1) : TTL, IndexChange.add(ALICE)));
            }
            // a tombstone that kept its entry (the core sends remove with it; this checks the filter)
            write(b, new RecordWrite.Replace(tombstone, new byte[0], version(b, tombstone), TTL));
            b.delete(deleted);
            b.unindex(ALICE, List.of(unindexed, "session:never-indexed"));
            f.clock.advance(Duration.ofMinutes(1));

            assertThat(principalOf(f, tombstone)).as("the entry the filter hides").contains(ALICE);
            assertThat(principalOf(f, expiring)).contains(ALICE);
            assertThat(b.indexedKeys(ALICE, null, 10)).containsExactly(live);
            assertThat(principalOf(f, unindexed)).isEmpty();
            assertThat(b.load(unindexed)).as("unindex leaves the record").isPresent();

            assertThat(write(b, new RecordWrite.Create(expiring, DATA, TTL))).as("a create with none over the expired row").isTrue();
            assertThat(principalOf(f, expiring)).as("takes it out of the index").isEmpty();
            b.unindex(BOB, List.of(live));
            assertThat(principalOf(f, live)).as("unindex of another principal key").contains(ALICE);
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void tenThousandSessionsOfOneUserArePagedInBoundedStatements(JdbcTestDatabase.Kind kind) {
        try (Fixture f = counting(kind)) {
            JdbcSessionInterface b = f.backend;
            List<String> keys = IntStream.range(0, 10_000).mapToObj(i -> String.format("session:k%05d", (i * 7919) % 10_000))
                    .toList();
            long created = statements(() -> keys.forEach(key -> write(b, new RecordWrite.Create(key, DATA, TTL, IndexChange.add(ALICE)))));
            assertThat(created).as("one statement per indexed create").isEqualTo(10_000);
            write(b, new RecordWrite.Create("session:bob", DATA, TTL, IndexChange.add(BOB)));

            List<String> listed = new ArrayList<>();
            String after = null;
            for (int page = 0; page < 10; page++) {
                String from = after;
                List<String> keysOfPage = counted(1, "page " + page, () -> b.indexedKeys(ALICE, from, PrincipalIndex.MAX_PAGE_SIZE));
                assertThat(keysOfPage).hasSize(1000).isSorted();
                listed.addAll(keysOfPage);
                after = keysOfPage.get(keysOfPage.size() - 1);
            }
            String last = after;
            assertThat(counted(1, "the page after the last", () -> b.indexedKeys(ALICE, last, 1000))).isEmpty();
            assertThat(listed).isEqualTo(keys.stream().sorted().toList());
            assertThat(b.indexedKeys(ALICE, "session:k04999", 3)).containsExactly("session:k05000", "session:k05001", "session:k05002");

            assertThatThrownBy(() -> b.indexedKeys(ALICE, null, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("limit must be 1 to 1000 but was 0");
            assertThatThrownBy(() -> b.indexedKeys(ALICE, null, 1001)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("limit must be 1 to 1000 but was 1001");

            assertThat(statements(() -> b.unindex(ALICE, listed.subList(0, 1000)))).as("unindex of a page").isEqualTo(1);
            assertThat(statements(() -> b.unindex(ALICE, listed.subList(1000, 10_000)))).as("unindex of 9 pages").isEqualTo(9);
            assertThat(statements(() -> b.unindex(ALICE, List.of()))).isZero();
            assertThat(b.indexedKeys(ALICE, null, 1000)).isEmpty();
            assertThat(b.indexedKeys(BOB, null, 1000)).containsExactly("session:bob");
            assertThat(b.countLive()).as("unindexed sessions stay").isEqualTo(10_001);
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void aTableOfTheOldestLayoutGetsThePrincipalColumnAndItsIndexAndKeepsItsRows(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            String legacy = f.database.schema() + ".legacy";
            f.execute(oldestTable(kind, legacy));
            if (kind != JdbcTestDatabase.Kind.MARIADB) {
                f.execute("CREATE INDEX legacy_expires_at_idx ON " + legacy + " (expires_at)");
            }
            insertOldRow(f, legacy, f.clock.millis() + TTL.toMillis());

            try (JdbcSessionInterface upgraded = f.open(s -> s.put(JdbcSettings.TABLE, "legacy"))) {
                assertThat(upgraded.capability(PrincipalIndex.class)).containsSame(upgraded);
                assertThat(upgraded.load(KEY).orElseThrow().data()).isEqualTo("old".getBytes(StandardCharsets.UTF_8));
                assertThat(principalOf(f, legacy, KEY)).as("an old row is indexed under none").isEmpty();
                assertThat(write(upgraded, new RecordWrite.Replace(KEY, DATA, 7, TTL, IndexChange.add(ALICE)))).isTrue();
                assertThat(upgraded.indexedKeys(ALICE, null, 10)).containsExactly(KEY);
            }
            assertThat(principalOf(f, legacy, KEY)).contains(ALICE);
            assertThat(indexColumns(f, "legacy", "legacy_principal_idx")).containsExactly("principal", "id");
            try (JdbcSessionInterface again = f.open(s -> s.put(JdbcSettings.TABLE, "legacy"))) {
                assertThat(again.indexedKeys(ALICE, null, 10)).as("a second start-up finds the column").containsExactly(KEY);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void twoInstancesStartingTogetherOnAnOldTableBothGetTheIndex(JdbcTestDatabase.Kind kind) throws Exception {
        try (Fixture f = Fixture.open(kind)) {
            String legacy = f.database.schema() + ".legacy";
            f.execute(oldestTable(kind, legacy));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<JdbcSessionInterface>> opened = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        return f.open(s -> s.put(JdbcSettings.TABLE, "legacy"));
                    }));
                }
                start.countDown();
                for (java.util.concurrent.Future<JdbcSessionInterface> backend : opened) {
                    try (JdbcSessionInterface b = backend.get()) {
                        assertThat(b.capability(PrincipalIndex.class)).as("the principal index").isPresent();
                        assertThat(b.capability(io.github.session4j.spi.RecordAppender.class)).as("the frames column").isPresent();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(indexColumns(f, "legacy", "legacy_principal_idx")).containsExactly("principal", "id");
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcTestDatabase.Kind.class)
    void withoutCreateTableAnOldTableServesWithoutTheIndex(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            String legacy = f.database.schema() + ".legacy";
            f.execute(oldestTable(kind, legacy));
            try (JdbcSessionInterface old = f.open(s -> {
                s.put(JdbcSettings.TABLE, "legacy");
                s.put(JdbcSettings.CREATE_TABLE, "false");
            })) {
                assertThat(old.capability(PrincipalIndex.class)).isEmpty();
                assertThat(Writes.create(old, KEY, DATA, TTL)).as("writes without an index change work").isTrue();
                assertThatThrownBy(() -> old.write(new RecordWrite.Create(KEY + "2", DATA, TTL, IndexChange.add(ALICE))))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("the jdbc backend keeps no index of sessions here: the session table " + legacy
                                + " has no column principal; add it with ALTER TABLE " + legacy + " ADD COLUMN principal ");
                assertThat(f.row(KEY + "2")).isEmpty();
            }
            assertThatThrownBy(() -> f.open(s -> {
                s.put(JdbcSettings.TABLE, "legacy");
                s.put(JdbcSettings.CREATE_TABLE, "false");
                s.put("SESSION_PRINCIPAL_INDEX", "true");
            }))
                    .isInstanceOf(io.github.session4j.SessionBackendException.class)
                    .hasMessageStartingWith("session-jdbc found no column principal in the session table " + legacy)
                    .hasMessageContaining("SESSION_PRINCIPAL_INDEX=true needs it: add it (ALTER TABLE " + legacy
                            + " ADD COLUMN principal ")
                    .hasMessageEndingWith(";) with your migration tool or set SESSION_JDBC_CREATE_TABLE=true, or unset"
                            + " SESSION_PRINCIPAL_INDEX");
        }
    }

    @ParameterizedTest
    @EnumSource(value = JdbcTestDatabase.Kind.class, names = "H2_MEM")
    void theFlaskSessionFormatKeepsNoIndex(JdbcTestDatabase.Kind kind) {
        try (Fixture f = Fixture.open(kind)) {
            JdbcSessionInterfaceProvider provider = new JdbcSessionInterfaceProvider();
            try (var flask = provider.create(io.github.session4j.spi.BackendContext.validate(provider,
                    f.config(s -> {
                        s.put("SESSION_RECORD_FORMAT", "flask-session");
                        s.put("SECRET_KEY", "the-flask-apps-secret-key-of-at-least-32-bytes");
                        s.put(JdbcSettings.TABLE, "flask_sessions");
                    }), f.clock))) {
                assertThat(flask.capability(PrincipalIndex.class)).isEmpty();
                assertThatThrownBy(() -> flask.write(new RecordWrite.Create(KEY, DATA, TTL, IndexChange.add(ALICE))))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keeps no index of sessions");
            }
        }
    }

    private static void insertOldRow(Fixture f, String table, long expiresAt) {
        try (Connection connection = f.database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (id, data, version, expires_at) VALUES (?, ?, 7, ?)")) {
            insert.setString(1, KEY);
            insert.setBytes(2, "old".getBytes(StandardCharsets.UTF_8));
            insert.setLong(3, expiresAt);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table of session4j before delta frames and the principal index: four columns. */
    private static String oldestTable(JdbcTestDatabase.Kind kind, String table) {
        return switch (kind) {
            case POSTGRESQL -> "CREATE TABLE " + table + " (id VARCHAR(255) COLLATE \"C\" NOT NULL PRIMARY KEY,"
                    + " data BYTEA NOT NULL, version BIGINT NOT NULL, expires_at BIGINT NOT NULL)";
            case MARIADB -> "CREATE TABLE " + table + " (id VARBINARY(255) NOT NULL PRIMARY KEY, data MEDIUMBLOB NOT NULL,"
                    + " version BIGINT NOT NULL, expires_at BIGINT NOT NULL, INDEX legacy_expires_at_idx (expires_at)) ENGINE=InnoDB";
            default -> "CREATE TABLE " + table + " (id VARCHAR(255) NOT NULL PRIMARY KEY, data VARBINARY NOT NULL,"
                    + " version BIGINT NOT NULL, expires_at BIGINT NOT NULL)";
        };
    }

    /** The columns of an index, in order, from the driver's metadata (names in lower case). */
    private static List<String> indexColumns(Fixture f, String table, String index) {
        try (Connection connection = f.database.connect()) {
            String schema = f.database.schema();
            boolean mariadb = f.database.kind() == JdbcTestDatabase.Kind.MARIADB;
            boolean h2 = !mariadb && f.database.kind() != JdbcTestDatabase.Kind.POSTGRESQL;
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getIndexInfo(mariadb ? schema : null, mariadb ? null
                    : h2 ? schema.toUpperCase() : schema, h2 ? table.toUpperCase() : table, false, false)) {
                while (rows.next()) {
                    if (index.equalsIgnoreCase(rows.getString("INDEX_NAME"))) {
                        columns.add(rows.getShort("ORDINAL_POSITION") - 1, rows.getString("COLUMN_NAME").toLowerCase());
                    }
                }
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
