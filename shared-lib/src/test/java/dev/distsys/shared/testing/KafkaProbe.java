package dev.distsys.shared.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.distsys.shared.messaging.EnvelopeJson;
import dev.distsys.shared.messaging.EnvelopeRecords;
import dev.distsys.shared.messaging.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Reads one topic from its beginning, without a consumer group, and keeps the records of
 * the keys a test asks about. Tests use unique keys (order ids), so earlier tests'
 * records never match.
 */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    private final EnvelopeRecords records;

    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public KafkaProbe(String bootstrapServers, String topic, EnvelopeJson json) {
        this.records = EnvelopeRecords.using(json);
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            partitions.clear();
            this.consumer.partitionsFor(topic)
                .forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
            return !partitions.isEmpty();
        });
        this.consumer.assign(partitions);
        this.consumer.seekToBeginning(partitions);
    }

    /**
     * Waits until {@code count} records of {@code key} arrived; returns all of them so
     * far.
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String key, int count) {
        // Generous: a loaded CI machine; a passing test waits only as long as it must.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return recordsOf(key).size() >= count;
        });
        return recordsOf(key);
    }

    /**
     * Waits until {@code count} envelopes of {@code key} arrived; returns all of them so
     * far.
     */
    public List<EventEnvelope> awaitEnvelopes(String key, int count) {
        return awaitRecords(key, count).stream().map(this.records::fromConsumerRecord).toList();
    }

    private void poll() {
        this.consumer.poll(Duration.ofMillis(100)).forEach(this.seen::add);
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String key) {
        return this.seen.stream().filter((record) -> key.equals(record.key())).toList();
    }

    @Override
    public void close() {
        this.consumer.close(Duration.ofSeconds(5));
    }

}
