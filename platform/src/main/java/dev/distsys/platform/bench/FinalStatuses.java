package dev.distsys.platform.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code order.events} and records when each order reached its final status.
 * Ready only once its partitions are assigned, so that no event of the run is missed.
 */
final class FinalStatuses implements AutoCloseable {

    record Final(String type, long atNanos) {
    }

    private final Map<String, Final> finals = new ConcurrentHashMap<>();

    private final Map<String, Long> sentAt;

    private final KafkaConsumer<String, byte[]> consumer;

    private final CountDownLatch assigned = new CountDownLatch(1);

    private final Object monitor = new Object();

    private final Thread worker;

    private volatile boolean running = true;

    private FinalStatuses(String bootstrapServers, Map<String, Long> sentAt) {
        this.sentAt = sentAt;
        this.consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
                        "order-load-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.worker = Thread.ofPlatform().name("order-events").daemon().start(this::run);
    }

    static FinalStatuses start(String bootstrapServers, Map<String, Long> sentAt) throws InterruptedException {
        FinalStatuses statuses = new FinalStatuses(bootstrapServers, sentAt);
        if (!statuses.assigned.await(60, TimeUnit.SECONDS)) {
            statuses.close();
            throw new IllegalStateException("no partition of order.events was assigned within 60 s: is Kafka at "
                    + bootstrapServers + " and has order-service created the topic?");
        }
        return statuses;
    }

    /** Orders of this run that reached a final status. */
    int count() {
        return (int) this.finals.keySet().stream().filter(this.sentAt::containsKey).count();
    }

    Map<String, Final> all() {
        return Map.copyOf(this.finals);
    }

    Map<String, Long> outcomes() {
        Map<String, Long> outcomes = new TreeMap<>();
        this.finals.forEach((orderId, done) -> {
            if (this.sentAt.containsKey(orderId)) {
                outcomes.merge(done.type(), 1L, Long::sum);
            }
        });
        return outcomes;
    }

    void awaitMore(Duration timeout) throws InterruptedException {
        synchronized (this.monitor) {
            this.monitor.wait(timeout.toMillis());
        }
    }

    private void run() {
        this.consumer.subscribe(List.of("order.events"), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                FinalStatuses.this.assigned.countDown();
            }
        });
        while (this.running) {
            this.consumer.poll(Duration.ofMillis(100)).forEach((record) -> {
                Header type = record.headers().lastHeader("type");
                if (record.key() != null && type != null) {
                    this.finals.putIfAbsent(record.key(),
                            new Final(new String(type.value(), StandardCharsets.UTF_8), System.nanoTime()));
                }
            });
            synchronized (this.monitor) {
                this.monitor.notifyAll();
            }
        }
        this.consumer.close();
    }

    @Override
    public void close() {
        this.running = false;
        try {
            this.worker.join(Duration.ofSeconds(10));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
