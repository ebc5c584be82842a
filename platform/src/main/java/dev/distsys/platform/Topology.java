package dev.distsys.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local default topology (CONTRACT.md §0): which instances run on which ports with
 * which arguments. Pure data; nothing here starts a process.
 *
 * @param postgresPort PostgreSQL's port
 * @param kafkaPort the Kafka broker's client port
 * @param kafkaControllerPort the Kafka KRaft controller's port
 * @param instances every service instance, in start order
 */
record Topology(int postgresPort, int kafkaPort, int kafkaControllerPort, List<ServiceInstance> instances) {

    static final String HOST = "127.0.0.1";

    static final int POSTGRES_PORT = 15432;

    static final int KAFKA_PORT = 19092;

    static final int KAFKA_CONTROLLER_PORT = 19093;

    static final int GATEWAY_PORT = 8080;

    static final String POSTGRES_USER = "postgres";

    Topology {
        instances = List.copyOf(instances);
    }

    /** The fixed, documented local topology, with its data under {@code dataDir}. */
    static Topology local(Path dataDir) {
        String kafka = HOST + ":" + KAFKA_PORT;
        List<ServiceInstance> instances = new ArrayList<>();
        for (int id = 1; id <= CoordinationMembers.SIZE; id++) {
            List<String> args = new ArrayList<>(
                    common(ServiceModule.COORDINATION_SERVER, id, kafka, CoordinationMembers.port(id)));
            args.addAll(CoordinationMembers.arguments(id, dataDir));
            instances.add(new ServiceInstance(ServiceModule.COORDINATION_SERVER, id, CoordinationMembers.port(id),
                    StartPhase.SERVICES, args));
        }
        instances.addAll(business(ServiceModule.ORDER_SERVICE, kafka, 8081, 8091));
        instances.addAll(business(ServiceModule.INVENTORY_SERVICE, kafka, 8082, 8092));
        instances.addAll(business(ServiceModule.PAYMENT_SERVICE, kafka, 8083));
        instances.addAll(business(ServiceModule.SHIPPING_SERVICE, kafka, 8084));
        List<String> gatewayArgs = new ArrayList<>(common(ServiceModule.GATEWAY, 1, kafka, GATEWAY_PORT));
        // The token signing key lives with the rest of the platform's data (the gateway's
        // default is
        // relative to its working directory).
        gatewayArgs.add("--gateway.keys.directory=" + dataDir.resolve("keys"));
        gatewayArgs.addAll(discoveryArguments(instances));
        instances.add(new ServiceInstance(ServiceModule.GATEWAY, 1, GATEWAY_PORT, StartPhase.GATEWAY, gatewayArgs));
        return new Topology(POSTGRES_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, instances);
    }

    /** Every port the platform listens on, with the component that uses it. */
    Map<Integer, String> ports() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(this.postgresPort, "postgres");
        ports.put(this.kafkaPort, "kafka");
        ports.put(this.kafkaControllerPort, "kafka (controller)");
        this.instances.forEach((instance) -> ports.put(instance.port(), instance.instanceId()));
        return ports;
    }

    /** The databases the business services own, one each. */
    List<String> databases() {
        return this.instances.stream()
            .map((instance) -> instance.module().database())
            .filter((database) -> database != null)
            .distinct()
            .toList();
    }

    List<ServiceModule> modules() {
        return this.instances.stream().map(ServiceInstance::module).distinct().toList();
    }

    List<ServiceInstance> phase(StartPhase phase) {
        return this.instances.stream().filter((instance) -> instance.phase() == phase).toList();
    }

    private static List<ServiceInstance> business(ServiceModule module, String kafka, int... ports) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            List<String> args = new ArrayList<>(common(module, i + 1, kafka, ports[i]));
            args.add("--spring.datasource.url=jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/"
                    + module.database());
            args.add("--spring.datasource.username=" + POSTGRES_USER);
            args.add("--spring.datasource.password=");
            instances.add(new ServiceInstance(module, i + 1, ports[i], StartPhase.SERVICES, args));
        }
        return instances;
    }

    private static List<String> common(ServiceModule module, int ordinal, String kafka, int port) {
        // The local profile enables the documented local defaults (the demo and admin
        // clients).
        return List.of("--server.port=" + port, "--platform.service.instance-id=" + module.artifactId() + "-" + ordinal,
                "--spring.kafka.bootstrap-servers=" + kafka, "--spring.profiles.active=local");
    }

    /**
     * Static Spring Cloud SimpleDiscoveryClient instances: the gateway's view of the
     * platform.
     */
    private static List<String> discoveryArguments(List<ServiceInstance> instances) {
        List<String> args = new ArrayList<>();
        Map<String, Integer> indexes = new LinkedHashMap<>();
        for (ServiceInstance instance : instances) {
            String service = instance.module().artifactId();
            int index = indexes.merge(service, 1, Integer::sum) - 1;
            args.add("--spring.cloud.discovery.client.simple.instances." + service + "[" + index + "].uri="
                    + instance.baseUrl());
        }
        return args;
    }

}
