package dev.distsys.shared.consumer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic a service consumes and the handler of each message type on it. Declared as a
 * bean; the messaging auto-configuration runs a listener container for it, with the
 * inbox, retries and the topic's {@code .dlq}.
 *
 * @param consumer the name recorded in the inbox, unique per subscription of the service
 * @param topic the topic consumed
 * @param handlers the handler of each message type; any other type goes to the
 * dead-letter topic
 */
public record MessageSubscription(String consumer, String topic, Map<String, MessageHandler> handlers) {

    public MessageSubscription {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(topic, "topic");
        handlers = Map.copyOf(handlers);
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException("a subscription to " + topic + " needs at least one handler");
        }
    }

    /** Starts a subscription to {@code topic}. */
    public static Builder to(String topic) {
        return new Builder(topic);
    }

    /** The dead-letter topic of this subscription's topic. */
    public String deadLetterTopic() {
        return deadLetterTopicOf(this.topic);
    }

    public static String deadLetterTopicOf(String topic) {
        return topic + ".dlq";
    }

    /** Builds a {@link MessageSubscription}. */
    public static final class Builder {

        private final String topic;

        private final Map<String, MessageHandler> handlers = new LinkedHashMap<>();

        private String consumer;

        private Builder(String topic) {
            this.topic = topic;
            this.consumer = topic;
        }

        /** The inbox name; defaults to the topic. */
        public Builder consumer(String consumer) {
            this.consumer = consumer;
            return this;
        }

        public Builder on(String type, MessageHandler handler) {
            if (this.handlers.putIfAbsent(type, handler) != null) {
                throw new IllegalArgumentException("two handlers for " + type + " on " + this.topic);
            }
            return this;
        }

        public MessageSubscription build() {
            return new MessageSubscription(this.consumer, this.topic, this.handlers);
        }

    }

}
