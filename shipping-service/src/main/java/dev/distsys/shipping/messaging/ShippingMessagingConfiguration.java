package dev.distsys.shipping.messaging;

import dev.distsys.shared.consumer.ConsumerProperties;
import dev.distsys.shared.consumer.MessageSubscription;
import dev.distsys.shared.consumer.MessagingAutoConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * shipping-service consumes {@code shipping.commands} and answers (and announces
 * dispatches) on {@code order.saga-replies}, which it therefore creates too.
 */
@Configuration(proxyBeanMethods = false)
class ShippingMessagingConfiguration {

    @Bean
    MessageSubscription shippingCommands(ShippingCommandHandlers handlers) {
        return MessageSubscription.to(ShippingMessages.COMMANDS)
            .consumer("shipping")
            .on("CreateShipment", handlers::create)
            .on("CancelShipment", handlers::cancel)
            .build();
    }

    @Bean
    KafkaAdmin.NewTopics shippingReplyTopics(ConsumerProperties properties) {
        return new KafkaAdmin.NewTopics(MessagingAutoConfiguration.topic(ShippingMessages.REPLIES, properties));
    }

}
