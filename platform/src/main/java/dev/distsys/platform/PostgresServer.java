package dev.distsys.platform;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from zonky's embedded binaries, its data in a persistent
 * directory. The postmaster is a child of this JVM; {@link #close} stops it and makes
 * sure no backend outlives it.
 */
final class PostgresServer implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;

    private final Path dataDir;

    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir, int port) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts the server, creating the cluster on first use and reusing it afterwards.
     * @param dataDir the cluster's directory, kept across runs
     * @param port the TCP port on 127.0.0.1
     * @param logFile where the server's output goes
     */
    static PostgresServer start(Path dataDir, int port, Path logFile) throws IOException {
        Files.createDirectories(dataDir.getParent());
        Files.createDirectories(logFile.getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            // The runner stops PostgreSQL itself, after the services that use it.
            .setRegisterShutdownHook(false)
            // zonky turns synchronous commit off for speed; the platform studies
            // transactions,
            // so a committed transaction must be durable as in production.
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("listen_addresses", Topology.HOST)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
            .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
            .start();
        return new PostgresServer(postgres, dataDir, port);
    }

    int port() {
        return this.port;
    }

    /**
     * The postmaster. zonky starts it through {@code pg_ctl}, so it is not a descendant
     * of this JVM; its pid is the first line of {@code postmaster.pid}.
     */
    Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = this.dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Topology.HOST + ":" + this.port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), Topology.POSTGRES_USER, "");
    }

    /**
     * Creates the databases that do not exist yet.
     * @return the ones it created
     */
    List<String> createDatabasesIfAbsent(List<String> databases) throws SQLException {
        List<String> created = new ArrayList<>();
        try (Connection connection = connect("postgres");
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            for (String database : databases) {
                if (!DATABASE_NAME.matcher(database).matches()) {
                    throw new IllegalArgumentException("Not a plain database name: " + database);
                }
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        continue;
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create database " + database);
                    created.add(database);
                }
            }
        }
        return created;
    }

    /**
     * Stops the server (fast shutdown: sessions are ended, committed data is kept) and
     * kills what remains of it, so that nothing survives the runner.
     */
    @Override
    public void close() throws IOException {
        List<ProcessHandle> tree = new ArrayList<>();
        postmaster().ifPresent((postmaster) -> {
            tree.add(postmaster);
            postmaster.descendants().forEach(tree::add);
        });
        try {
            this.postgres.close();
        }
        finally {
            for (ProcessHandle handle : tree) {
                if (Processes.isRunning(handle)) {
                    handle.destroyForcibly();
                }
            }
            try {
                for (ProcessHandle handle : tree) {
                    Supervisor.awaitDeath(handle);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
