package dev.distsys.shared.consumer;

import dev.distsys.shared.inbox.Inbox;
import dev.distsys.shared.messaging.EnvelopeRecords;
import dev.distsys.shared.messaging.EventEnvelope;
import dev.distsys.shared.messaging.Messages;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a Kafka record into an envelope and hands it to its handler exactly once per
 * consumer: inbox record and effect in one transaction. A record that is not a valid
 * envelope, or of a type nobody handles, cannot become valid by retrying and is
 * dead-lettered at once.
 */
final class EnvelopeDispatcher implements MessageListener<String, byte[]> {

    private final MessageSubscription subscription;

    private final EnvelopeRecords records;

    private final Inbox inbox;

    private final Messages messages;

    private final TransactionTemplate transactions;

    EnvelopeDispatcher(MessageSubscription subscription, EnvelopeRecords records, Inbox inbox, Messages messages,
            TransactionTemplate transactions) {
        this.subscription = subscription;
        this.records = records;
        this.inbox = inbox;
        this.messages = messages;
        this.transactions = transactions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = this.records.fromConsumerRecord(record);
        MessageHandler handler = this.subscription.handlers().get(envelope.type());
        if (handler == null) {
            throw new NonRetryableMessageException("no handler for message type " + envelope.type() + " on "
                    + this.subscription.topic() + " (consumer " + this.subscription.consumer() + ")");
        }
        this.messages.received(envelope);
        this.transactions.executeWithoutResult((status) -> {
            if (this.inbox.firstDelivery(this.subscription.consumer(), envelope)) {
                handler.handle(envelope);
            }
        });
    }

}
