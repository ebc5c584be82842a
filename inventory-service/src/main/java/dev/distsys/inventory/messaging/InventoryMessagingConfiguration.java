package dev.distsys.inventory.messaging;

import dev.distsys.shared.consumer.ConsumerProperties;
import dev.distsys.shared.consumer.MessageSubscription;
import dev.distsys.shared.consumer.MessagingAutoConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * inventory-service consumes {@code inventory.commands} and answers on
 * {@code order.saga-replies}, which it therefore creates too.
 */
@Configuration(proxyBeanMethods = false)
class InventoryMessagingConfiguration {

    @Bean
    MessageSubscription inventoryCommands(InventoryCommandHandlers handlers) {
        return MessageSubscription.to(InventoryMessages.COMMANDS)
            .consumer("inventory")
            .on("ReserveStock", handlers::reserve)
            .on("ReleaseStock", handlers::release)
            .on("CommitStock", handlers::commit)
            .on("ReturnStock", handlers::returnStock)
            .build();
    }

    @Bean
    KafkaAdmin.NewTopics inventoryReplyTopics(ConsumerProperties properties) {
        return new KafkaAdmin.NewTopics(MessagingAutoConfiguration.topic(InventoryMessages.REPLIES, properties));
    }

}
