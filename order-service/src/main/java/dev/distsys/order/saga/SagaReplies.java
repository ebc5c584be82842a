package dev.distsys.order.saga;

import java.time.Clock;

import dev.distsys.order.order.OrderRepository;
import dev.distsys.shared.consumer.MessageSubscription;
import dev.distsys.shared.consumer.ConsumerProperties;
import dev.distsys.shared.consumer.MessagingAutoConfiguration;
import dev.distsys.shared.consumer.NonRetryableMessageException;
import dev.distsys.shared.messaging.EventEnvelope;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * order-service's end of the messaging: the replies it consumes and the topics it
 * creates. Every reply of docs/saga-messages.md advances its saga;
 * {@code ShipmentDispatched} marks the order as no longer cancellable.
 */
@Configuration(proxyBeanMethods = false)
class SagaReplies {

    static final String[] REPLIES = { "StockReserved", "StockReservationFailed", "StockReleased", "StockCommitted",
            "StockReturned", "PaymentAuthorized", "PaymentDeclined", "PaymentVoided", "PaymentCaptured",
            "PaymentRefunded", "ShipmentCreated", "ShipmentRejected", "ShipmentCancelled", "ShipmentCancelRefused" };

    @Bean
    MessageSubscription sagaRepliesSubscription(SagaEngine engine, OrderRepository orders, Clock clock) {
        MessageSubscription.Builder subscription = MessageSubscription.to(Topics.SAGA_REPLIES).consumer("saga-replies");
        for (String reply : REPLIES) {
            subscription.on(reply, engine::onReply);
        }
        subscription.on("ShipmentDispatched", (EventEnvelope dispatched) -> {
            if (orders.findForUpdate(dispatched.aggregateId()).isEmpty()) {
                throw new NonRetryableMessageException(
                        "ShipmentDispatched for unknown order " + dispatched.aggregateId());
            }
            orders.markDispatched(dispatched.aggregateId(), clock.instant());
        });
        return subscription.build();
    }

    /** The command and event topics order-service writes to. */
    @Bean
    KafkaAdmin.NewTopics orderServiceTopics(ConsumerProperties properties) {
        return new KafkaAdmin.NewTopics(MessagingAutoConfiguration.topic(Topics.INVENTORY_COMMANDS, properties),
                MessagingAutoConfiguration.topic(Topics.PAYMENT_COMMANDS, properties),
                MessagingAutoConfiguration.topic(Topics.SHIPPING_COMMANDS, properties),
                MessagingAutoConfiguration.topic(Topics.ORDER_EVENTS, properties));
    }

}
