package dev.distsys.platform;

import java.nio.file.Path;

/**
 * Where a single-node KRaft broker keeps its data and which ports it listens on; renders
 * its {@code server.properties}.
 *
 * @param directory the broker's directory (properties, cluster id, log dir)
 * @param port the client (PLAINTEXT) port on 127.0.0.1
 * @param controllerPort the KRaft controller port on 127.0.0.1
 */
record KafkaSettings(Path directory, int port, int controllerPort) {

    Path propertiesFile() {
        return this.directory.resolve("server.properties");
    }

    Path logDir() {
        return this.directory.resolve("data");
    }

    String bootstrapServers() {
        return Topology.HOST + ":" + this.port;
    }

    /**
     * One node that is broker and controller, every replication factor 1 (there is one
     * replica), no initial rebalance delay (a consumer group starts consuming at once).
     */
    String serverProperties() {
        String host = Topology.HOST;
        return """
                # Written by the platform runner on every start; edit KafkaSettings.java instead.
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=%2$s:%4$d
                listeners=PLAINTEXT://%2$s:%3$d,CONTROLLER://%2$s:%4$d
                advertised.listeners=PLAINTEXT://%2$s:%3$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%1$s
                num.partitions=6
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=10
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=true
                """.formatted(logDir(), host, this.port, this.controllerPort);
    }

}
