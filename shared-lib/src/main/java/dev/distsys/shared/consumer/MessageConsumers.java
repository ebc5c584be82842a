package dev.distsys.shared.consumer;

import java.util.ArrayList;
import java.util.List;

import dev.distsys.shared.inbox.Inbox;
import dev.distsys.shared.messaging.EnvelopeRecords;
import dev.distsys.shared.messaging.MalformedMessageException;
import dev.distsys.shared.messaging.Messages;
import org.apache.kafka.common.TopicPartition;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One listener container per {@link MessageSubscription}: records are dispatched through
 * the inbox; a failing record is retried with exponential back-off up to
 * {@code max-attempts} deliveries, then published to the topic's {@code .dlq} with the
 * exception in its headers (Spring Kafka's {@code kafka_dlt-exception-*}), and
 * consumption goes on.
 */
public final class MessageConsumers implements SmartLifecycle {

    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();

    private volatile boolean running;

    MessageConsumers(List<MessageSubscription> subscriptions, ConsumerFactory<String, byte[]> consumers,
            KafkaOperations<String, byte[]> deadLetters, EnvelopeRecords records, Inbox inbox, Messages messages,
            TransactionTemplate transactions, ConsumerProperties properties, String groupId) {
        for (MessageSubscription subscription : subscriptions) {
            ContainerProperties containerProperties = new ContainerProperties(subscription.topic());
            containerProperties.setGroupId(groupId);
            containerProperties
                .setMessageListener(new EnvelopeDispatcher(subscription, records, inbox, messages, transactions));
            ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(
                    consumers, containerProperties);
            container.setConcurrency(properties.concurrency());
            container.setCommonErrorHandler(errorHandler(deadLetters, properties));
            container.setBeanName("consumer-" + subscription.consumer());
            this.containers.add(container);
        }
    }

    private static DefaultErrorHandler errorHandler(KafkaOperations<String, byte[]> deadLetters,
            ConsumerProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, exception) -> new TopicPartition(MessageSubscription.deadLetterTopicOf(record.topic()), -1));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.maxAttempts() - 1);
        backOff.setInitialInterval(properties.initialBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(properties.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedMessageException.class, NonRetryableMessageException.class);
        return handler;
    }

    @Override
    public void start() {
        this.containers.forEach(ConcurrentMessageListenerContainer::start);
        this.running = true;
    }

    @Override
    public void stop() {
        this.containers.forEach(ConcurrentMessageListenerContainer::stop);
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /** Whether every container has its partitions assigned (for tests and readiness). */
    public boolean allAssigned() {
        return this.containers.stream()
            .allMatch((container) -> container.getAssignedPartitions() != null
                    && !container.getAssignedPartitions().isEmpty());
    }

}
