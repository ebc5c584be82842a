package dev.distsys.shared.outbox;

import dev.distsys.shared.messaging.EnvelopeJson;
import dev.distsys.shared.messaging.EventEnvelope;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: a message is stored in the same local transaction as the
 * state change it announces, and the {@link OutboxRelay} publishes it after commit. So a
 * message is sent if and only if its state change committed, without a distributed
 * transaction between the database and Kafka.
 */
public final class Outbox {

    private final JdbcTemplate jdbc;

    private final EnvelopeJson json;

    Outbox(JdbcTemplate jdbc, EnvelopeJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores {@code envelope} for publication to {@code topic}, keyed by its aggregate
     * id.
     * @throws IllegalStateException outside a transaction: a message written on its own
     * could be published for a change that then rolls back
     */
    public void append(String topic, EventEnvelope envelope) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append needs the transaction of the state change it announces");
        }
        this.jdbc.update(
                "INSERT INTO outbox (message_id, topic, message_key, message_type, envelope) VALUES (?, ?, ?, ?, ?::jsonb)",
                envelope.messageId(), topic, envelope.aggregateId(), envelope.type(), this.json.write(envelope));
    }

}
