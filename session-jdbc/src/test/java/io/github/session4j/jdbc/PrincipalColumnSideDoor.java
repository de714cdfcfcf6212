package io.github.session4j.jdbc;

import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.testkit.SideDoor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kit's side door into the session table ({@link io.github.session4j.servers.JdbcSideDoor}),
 * which also shows the kit the {@code principal} column of the test's rows, so that the kit can
 * check that it never holds a principal in clear.
 */
final class PrincipalColumnSideDoor implements SideDoor {

    private final SideDoor rows;
    private final JdbcTestDatabase database;

    PrincipalColumnSideDoor(SideDoor rows, JdbcTestDatabase database) {
        this.rows = rows;
        this.database = database;
    }

    @Override
    public Optional<byte[]> read(String key) {
        return rows.read(key);
    }

    @Override
    public void write(String key, byte[] record) {
        rows.write(key, record);
    }

    @Override
    public boolean exists(String key) {
        return rows.exists(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return rows.keys(prefix);
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return rows.ttl(key);
    }

    /** The non-null {@code principal} values of the rows whose id starts with {@code prefix}. */
    @Override
    public List<String> indexContents(String prefix) {
        List<String> principals = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT principal FROM " + database.table() + " WHERE principal IS NOT NULL AND id LIKE ? ESCAPE '!'")) {
            statement.setString(1, prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            try (ResultSet found = statement.executeQuery()) {
                while (found.next()) {
                    principals.add(found.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return principals;
    }
}
