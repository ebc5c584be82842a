package dev.distsys.shared.consumer;

import dev.distsys.shared.messaging.EventEnvelope;

/**
 * Handles one type of message. Runs inside the transaction that also records the message
 * in the inbox, so whatever it writes, including outbox messages, commits together with
 * that record. Throwing rolls everything back: a {@link NonRetryableMessageException}
 * sends the message to the dead-letter topic at once, anything else is retried with
 * back-off first.
 */
@FunctionalInterface
public interface MessageHandler {

    void handle(EventEnvelope envelope);

}
