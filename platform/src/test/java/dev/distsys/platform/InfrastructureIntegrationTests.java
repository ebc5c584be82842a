package dev.distsys.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runner's real infrastructure: embedded PostgreSQL and the Kafka broker process on
 * free ports in a temporary data dir, stopped without leftovers and restarted on the same
 * data.
 */
class InfrastructureIntegrationTests {

    private static final String TOPIC = "platform.test";

    private final List<ChildExit> unexpectedExits = new CopyOnWriteArrayList<>();

    @TempDir
    Path dataDir;

    @Test
    void shouldServeDatabasesAndTopicsAndKeepTheirDataAcrossARestart() throws Exception {
        int postgresPort = freePort();
        KafkaSettings kafka = new KafkaSettings(this.dataDir.resolve("kafka"), freePort(), freePort());

        runOnce(postgresPort, kafka, (postgres, bootstrapServers) -> {
            assertThat(postgres.createDatabasesIfAbsent(List.of("orders", "inventory"))).containsExactly("orders",
                    "inventory");
            try (Connection connection = postgres.connect("orders");
                    Statement statement = connection.createStatement()) {
                statement.execute("create table survivor (name text primary key)");
                statement.execute("insert into survivor values ('first run')");
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map
                .of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(TOPIC, "order-1", "first run")).get();
            }
            assertThat(consumeAll(bootstrapServers, "first")).containsExactly("order-1=first run");
        });
        String clusterId = Files.readString(kafka.directory().resolve("cluster.id"));

        runOnce(postgresPort, kafka, (postgres, bootstrapServers) -> {
            assertThat(postgres.createDatabasesIfAbsent(List.of("orders", "inventory", "payments")))
                .containsExactly("payments");
            try (Connection connection = postgres.connect("orders");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select name from survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("first run");
            }
            assertThat(consumeAll(bootstrapServers, "second")).containsExactly("order-1=first run");
        });
        assertThat(Files.readString(kafka.directory().resolve("cluster.id"))).isEqualTo(clusterId);
        assertThat(this.unexpectedExits).isEmpty();
    }

    private void runOnce(int postgresPort, KafkaSettings kafkaSettings, Scenario scenario) throws Exception {
        Path logs = this.dataDir.resolve("logs");
        Supervisor supervisor = new Supervisor(this.unexpectedExits::add);
        List<ProcessHandle> started = new ArrayList<>();
        try (PostgresServer postgres = PostgresServer.start(this.dataDir.resolve("postgres"), postgresPort,
                logs.resolve("postgres.log"))) {
            ProcessHandle postmaster = postgres.postmaster().orElseThrow();
            started.add(postmaster);
            started.addAll(postmaster.descendants().toList());
            try {
                KafkaBroker kafka = KafkaBroker.start(supervisor, JavaRuntime.ofCurrentProcess(), kafkaSettings, logs);
                started.add(kafka.process().handle());
                kafka.awaitReady(Duration.ofSeconds(45));
                started.addAll(ProcessHandle.current().descendants().toList());
                scenario.run(postgres, kafka.bootstrapServers());
            }
            finally {
                assertThat(supervisor.stopAll(Duration.ofSeconds(10))).isEmpty();
            }
        }
        assertThat(started).hasSizeGreaterThan(3).noneMatch(Processes::isRunning);
        assertThat(ProcessHandle.current().descendants()).noneMatch(Processes::isRunning);
    }

    private static List<String> consumeAll(String bootstrapServers, String group) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, group,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.key() + "=" + record.value());
                }
                return !records.isEmpty();
            });
        }
        return records;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @FunctionalInterface
    private interface Scenario {

        void run(PostgresServer postgres, String bootstrapServers) throws Exception;

    }

}
