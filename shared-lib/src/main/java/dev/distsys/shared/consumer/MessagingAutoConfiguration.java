package dev.distsys.shared.consumer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.distsys.shared.clock.LamportClock;
import dev.distsys.shared.identity.ServiceIdentityProperties;
import dev.distsys.shared.inbox.Inbox;
import dev.distsys.shared.messaging.EnvelopeJson;
import dev.distsys.shared.messaging.EnvelopeRecords;
import dev.distsys.shared.messaging.Messages;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messaging every data service shares: envelopes stamped with the service's Lamport
 * clock, the inbox, a listener container per {@link MessageSubscription}, and the
 * subscribed topics with their dead-letter topics. The outbox is configured beside it, in
 * {@code dev.distsys.shared.outbox.OutboxAutoConfiguration}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
@ConditionalOnClass({ KafkaTemplate.class, JdbcTemplate.class })
@ConditionalOnBean({ JdbcTemplate.class, PlatformTransactionManager.class, KafkaProperties.class })
@EnableConfigurationProperties(ConsumerProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LamportClock lamportClock() {
        return LamportClock.create();
    }

    @Bean
    @ConditionalOnMissingBean
    EnvelopeJson envelopeJson() {
        return EnvelopeJson.create();
    }

    @Bean
    @ConditionalOnMissingBean
    Messages messages(LamportClock clock, ServiceIdentityProperties identity, EnvelopeJson json) {
        return new Messages(clock, identity.name(), json, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(JdbcTemplate jdbc) {
        return new Inbox(jdbc);
    }

    /**
     * Producer of envelopes (string key, JSON bytes), for the outbox relay and dead
     * letters.
     */
    @Bean
    @ConditionalOnMissingBean(name = "envelopeKafkaTemplate")
    KafkaTemplate<String, byte[]> envelopeKafkaTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
                new StringSerializer(), new ByteArraySerializer()));
    }

    @Bean
    MessageConsumers messageConsumers(ObjectProvider<MessageSubscription> subscriptions, KafkaProperties kafka,
            KafkaTemplate<String, byte[]> envelopeKafkaTemplate, EnvelopeJson json, Inbox inbox, Messages messages,
            PlatformTransactionManager transactionManager, ConsumerProperties properties,
            ServiceIdentityProperties identity) {
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(
                kafka.buildConsumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
        String groupId = (kafka.getConsumer().getGroupId() != null) ? kafka.getConsumer().getGroupId()
                : identity.name();
        return new MessageConsumers(subscriptions.orderedStream().toList(), consumers, envelopeKafkaTemplate,
                EnvelopeRecords.using(json), inbox, messages, new TransactionTemplate(transactionManager), properties,
                groupId);
    }

    /**
     * Each subscribed topic and its dead-letter topic, created with the configured
     * partitions.
     */
    @Bean
    KafkaAdmin.NewTopics subscribedTopics(ObjectProvider<MessageSubscription> subscriptions,
            ConsumerProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        subscriptions.orderedStream().forEach((subscription) -> {
            topics.add(topic(subscription.topic(), properties));
            topics.add(topic(subscription.deadLetterTopic(), properties));
        });
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** A topic with this service's partition and replication settings. */
    public static NewTopic topic(String name, ConsumerProperties properties) {
        return TopicBuilder.name(name)
            .partitions(properties.partitions())
            .replicas(properties.replicationFactor())
            .build();
    }

}
