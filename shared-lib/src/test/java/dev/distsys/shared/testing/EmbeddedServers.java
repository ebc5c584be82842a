package dev.distsys.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Real servers without Docker: PostgreSQL binaries unpacked from a Maven jar and run as a
 * child process, and a single-node KRaft broker inside this JVM.
 */
final class EmbeddedServers {

    private EmbeddedServers() {
    }

    static PostgresServer postgres() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                // Durability is not under test here; this keeps schema migrations quick
                // on a slow disk.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "300")
                .start();
            return new EmbeddedPostgresServer(server);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
        }
    }

    static KafkaServer kafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "true",
                "offsets.topic.num.partitions", "5"));
        broker.afterPropertiesSet();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return broker.getBrokersAsString();
            }

            @Override
            public void stop() {
                broker.destroy();
            }
        };
    }

    private static final class EmbeddedPostgresServer extends PostgresServer {

        private final EmbeddedPostgres server;

        EmbeddedPostgresServer(EmbeddedPostgres server) {
            this.server = server;
        }

        @Override
        String jdbcUrl(String database) {
            return this.server.getJdbcUrl(username(), database);
        }

        @Override
        String username() {
            return "postgres";
        }

        @Override
        String password() {
            return "";
        }

        @Override
        String description() {
            return "embedded PostgreSQL on port " + this.server.getPort();
        }

        @Override
        void stop() {
            try {
                this.server.close();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

    }

}
