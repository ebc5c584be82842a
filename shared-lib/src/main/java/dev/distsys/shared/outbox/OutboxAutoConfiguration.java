package dev.distsys.shared.outbox;

import javax.sql.DataSource;

import dev.distsys.shared.consumer.MessagingAutoConfiguration;
import dev.distsys.shared.leadership.LeaderElection;
import dev.distsys.shared.leadership.LeadershipAutoConfiguration;
import dev.distsys.shared.messaging.EnvelopeJson;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox and its relay, for every service with a database and Kafka.
 */
@AutoConfiguration(after = { MessagingAutoConfiguration.class, LeadershipAutoConfiguration.class })
@ConditionalOnClass({ KafkaTemplate.class, JdbcTemplate.class })
@ConditionalOnBean(EnvelopeJson.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    Outbox outbox(JdbcTemplate jdbc, EnvelopeJson json) {
        return new Outbox(jdbc, json);
    }

    @Bean
    @ConditionalOnProperty(name = "platform.outbox.enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            KafkaTemplate<String, byte[]> envelopeKafkaTemplate, EnvelopeJson json, OutboxProperties properties,
            DataSource dataSource, ObjectProvider<MeterRegistry> meters, LeaderElection leaders) {
        MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), envelopeKafkaTemplate, json,
                properties, new OutboxWakeUp(dataSource), new OutboxMetrics(registry, jdbc), leaders);
    }

}
