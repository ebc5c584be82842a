package dev.distsys.shared.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SecuredServiceBootTests} for a service that owns a PostgreSQL database and talks
 * over Kafka: the database is its own and migrated, and the broker is really reachable
 * with the service's own Kafka configuration.
 */
public abstract class DataServiceBootTests extends SecuredServiceBootTests {

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected KafkaTemplate<String, String> kafka;

    /** The database this service owns. */
    protected abstract String databaseName();

    @Test
    void shouldUseItsOwnMigratedDatabase() {
        assertThat(this.jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(this.jdbc.queryForObject("select current_database()", String.class)).isEqualTo(databaseName());
        List<String> tables = this.jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public'", String.class);
        assertThat(tables).contains("outbox", "inbox", "flyway_schema_history");
        assertThat(
                this.jdbc.queryForObject("select count(*) from flyway_schema_history where not success", Integer.class))
            .isZero();
    }

    @Test
    void shouldRoundTripARecordThroughTheBroker() throws Exception {
        String topic = databaseName() + ".round-trip-" + UUID.randomUUID();
        String payload = "ping " + UUID.randomUUID();
        this.kafka.send(topic, "key-1", payload).get();

        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                this.environment.getRequiredProperty("spring.kafka.bootstrap-servers"), ConsumerConfig.GROUP_ID_CONFIG,
                topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies((record) -> assertThat(record.value()).isEqualTo(payload));
        }
    }

}
