package io.github.session4j.jdbc;

import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.testkit.SideDoor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kit's side door into the session table shows of the principal index
 * ({@link SideDoor#withIndex}): the {@code principal} column of the test's rows, so that the kit
 * can check that it never holds a principal in clear.
 */
final class PrincipalColumn {

    private PrincipalColumn() {
    }

    /**
     * The non-null {@code principal} values of the rows whose id starts with {@code prefix}.
     *
     * @param database the test's database
     * @param prefix the test's key prefix
     * @return the values
     */
    static List<String> contents(JdbcTestDatabase database, String prefix) {
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
