package dev.distsys.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same servers as containers, for machines with a Docker engine. */
final class DockerServers {

    /**
     * Pinned images: the same major versions as the embedded path and the deployment
     * files.
     */
    static final String POSTGRES_IMAGE = "postgres:17.6-alpine";

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private DockerServers() {
    }

    /**
     * Whether a Docker engine answers. Asks Testcontainers only when some sign of an
     * engine exists, because its probe logs an error on every machine without one.
     */
    static boolean dockerAvailable() {
        boolean configured = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        return configured && DockerClientFactory.instance().isDockerAvailable();
    }

    static PostgresServer postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE).withCommand("postgres", "-c",
                "fsync=off", "-c", "max_connections=300");
        container.start();
        return new PostgresServer() {
            @Override
            String jdbcUrl(String database) {
                return "jdbc:postgresql://" + container.getHost() + ":" + container.getFirstMappedPort() + "/"
                        + database;
            }

            @Override
            String username() {
                return container.getUsername();
            }

            @Override
            String password() {
                return container.getPassword();
            }

            @Override
            String description() {
                return "PostgreSQL container " + POSTGRES_IMAGE;
            }

            @Override
            void stop() {
                container.stop();
            }
        };
    }

    static KafkaServer kafka() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public void stop() {
                container.stop();
            }
        };
    }

}
