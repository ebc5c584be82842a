package dev.distsys.shared.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** A running PostgreSQL server that hands out one database per service. */
abstract class PostgresServer {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    abstract String jdbcUrl(String database);

    abstract String username();

    abstract String password();

    abstract String description();

    abstract void stop();

    void createDatabaseIfAbsent(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name '" + database + "' must match " + DATABASE_NAME);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password())) {
            if (!exists(connection, database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + database, ex);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

}
