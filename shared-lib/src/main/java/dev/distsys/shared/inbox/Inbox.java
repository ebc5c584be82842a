package dev.distsys.shared.inbox;

import dev.distsys.shared.messaging.EventEnvelope;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ids of the messages each consumer has handled. Recording an id in the same
 * transaction as the message's effect makes redelivery harmless: the second delivery
 * finds the id and does nothing, and a rolled-back effect leaves no id behind, so the
 * message is handled again.
 */
public final class Inbox {

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code consumer} handles {@code envelope} now.
     * @return {@code false} when it was handled before, and the effect must be skipped
     */
    public boolean firstDelivery(String consumer, EventEnvelope envelope) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Inbox.firstDelivery needs the transaction of the message's effect");
        }
        return this.jdbc.update(
                "INSERT INTO inbox (consumer, message_id, message_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                consumer, envelope.messageId(), envelope.type()) == 1;
    }

}
