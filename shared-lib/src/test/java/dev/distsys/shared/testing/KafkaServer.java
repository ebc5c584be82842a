package dev.distsys.shared.testing;

/** A running Kafka broker. */
interface KafkaServer {

    String bootstrapServers();

    void stop();

}
