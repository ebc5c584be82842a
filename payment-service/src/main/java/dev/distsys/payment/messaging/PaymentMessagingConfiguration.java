package dev.distsys.payment.messaging;

import dev.distsys.shared.consumer.ConsumerProperties;
import dev.distsys.shared.consumer.MessageSubscription;
import dev.distsys.shared.consumer.MessagingAutoConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * payment-service consumes {@code payment.commands} and answers on
 * {@code order.saga-replies}, which it therefore creates too.
 */
@Configuration(proxyBeanMethods = false)
class PaymentMessagingConfiguration {

    @Bean
    MessageSubscription paymentCommands(PaymentCommandHandlers handlers) {
        return MessageSubscription.to(PaymentMessages.COMMANDS)
            .consumer("payment")
            .on("AuthorizePayment", handlers::authorize)
            .on("VoidPayment", handlers::voidPayment)
            .on("CapturePayment", handlers::capture)
            .on("RefundPayment", handlers::refund)
            .build();
    }

    @Bean
    KafkaAdmin.NewTopics paymentReplyTopics(ConsumerProperties properties) {
        return new KafkaAdmin.NewTopics(MessagingAutoConfiguration.topic(PaymentMessages.REPLIES, properties));
    }

}
