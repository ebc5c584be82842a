package dev.distsys.shared.testing;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server and Kafka broker of this test JVM, started on first use and
 * stopped when the JVM exits. The one place that decides between Docker and embedded
 * servers.
 */
public final class TestInfrastructure {

    /** {@code auto} (the default), {@code docker} or {@code embedded}. */
    public static final String MODE_PROPERTY = "test.infrastructure";

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static volatile TestInfrastructure shared;

    private final PostgresServer postgres;

    private final KafkaServer kafka;

    private final Set<String> createdDatabases = new HashSet<>();

    private TestInfrastructure(PostgresServer postgres, KafkaServer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** The servers of this JVM, starting them if this is the first call. */
    public static TestInfrastructure shared() {
        TestInfrastructure current = shared;
        if (current != null) {
            return current;
        }
        synchronized (TestInfrastructure.class) {
            if (shared == null) {
                shared = start(chooseMode());
            }
            return shared;
        }
    }

    private static TestInfrastructure start(Mode mode) {
        long started = System.nanoTime();
        PostgresServer postgres = (mode == Mode.DOCKER) ? DockerServers.postgres() : EmbeddedServers.postgres();
        KafkaServer kafka = (mode == Mode.DOCKER) ? DockerServers.kafka() : EmbeddedServers.kafka();
        TestInfrastructure infrastructure = new TestInfrastructure(postgres, kafka);
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "test-infrastructure-stop"));
        log.info("Test infrastructure ({}) up in {} ms: {} and Kafka at {}", mode.name().toLowerCase(Locale.ROOT),
                (System.nanoTime() - started) / 1_000_000, postgres.description(), kafka.bootstrapServers());
        return infrastructure;
    }

    static Mode chooseMode() {
        String requested = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (requested) {
            case "docker" -> Mode.DOCKER;
            case "embedded" -> Mode.EMBEDDED;
            case "auto" -> DockerServers.dockerAvailable() ? Mode.DOCKER : Mode.EMBEDDED;
            default -> throw new IllegalArgumentException(
                    "-D" + MODE_PROPERTY + "=" + requested + " is not one of auto, docker, embedded");
        };
    }

    /** A JDBC URL of the named database, which exists once this returns. */
    public synchronized String jdbcUrl(String database) {
        if (!this.createdDatabases.contains(database)) {
            this.postgres.createDatabaseIfAbsent(database);
            this.createdDatabases.add(database);
        }
        return this.postgres.jdbcUrl(database);
    }

    public String username() {
        return this.postgres.username();
    }

    public String password() {
        return this.postgres.password();
    }

    public String kafkaBootstrapServers() {
        return this.kafka.bootstrapServers();
    }

    private void stop() {
        this.kafka.stop();
        this.postgres.stop();
    }

    enum Mode {

        DOCKER, EMBEDDED

    }

}
