package dev.distsys.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local platform as the system tests run it: the runner's own code, on its documented
 * ports, with its data in a temporary directory. The saga does not need the coordination
 * members, so they are left out; payment and shipping get a second instance, so that
 * every service runs twice.
 */
final class RunningPlatform implements AutoCloseable {

    private final Platform platform;

    private RunningPlatform(Platform platform) {
        this.platform = platform;
    }

    /**
     * Starts the platform.
     * @param extraArguments further arguments per module artifact id (e.g. shorter
     * deadlines)
     */
    static RunningPlatform start(Path dataDir, Map<String, List<String>> extraArguments)
            throws IOException, InterruptedException, SQLException {
        PlatformConfig config = PlatformConfig.parse(
                new String[] { "--data-dir=" + dataDir, "--on-child-exit=continue", "--ready-timeout-seconds=240" },
                Map.of(), CheckoutLocator.locate());
        Topology local = Topology.local(dataDir);
        List<ServiceInstance> services = new ArrayList<>();
        for (ServiceInstance instance : local.instances()) {
            if (instance.module() == ServiceModule.COORDINATION_SERVER || instance.module() == ServiceModule.GATEWAY) {
                continue;
            }
            services.add(withExtra(instance, extraArguments));
            if (instance.module() == ServiceModule.PAYMENT_SERVICE
                    || instance.module() == ServiceModule.SHIPPING_SERVICE) {
                services.add(secondInstance(instance, extraArguments));
            }
        }
        ServiceInstance localGateway = local.instances()
            .stream()
            .filter((instance) -> instance.module() == ServiceModule.GATEWAY)
            .findFirst()
            .orElseThrow();
        services.add(gatewayOver(localGateway, services, dataDir, extraArguments));
        Topology topology = new Topology(local.postgresPort(), local.kafkaPort(), local.kafkaControllerPort(),
                services);
        Platform platform = new Platform(config, topology, JavaRuntime.ofCurrentProcess(), BuildInfo.version());
        try {
            platform.start();
        }
        catch (IOException | InterruptedException | SQLException | RuntimeException ex) {
            platform.stop();
            throw ex;
        }
        return new RunningPlatform(platform);
    }

    /**
     * Stops one instance (SIGTERM, then SIGKILL after the grace period), as an outage
     * would.
     */
    void stopInstance(String instanceId) throws InterruptedException {
        this.platform.stopInstance(instanceId);
    }

    /** Starts a stopped instance again and waits until it is ready. */
    void startInstance(String instanceId) throws IOException, InterruptedException {
        this.platform.startInstance(instanceId);
    }

    @Override
    public void close() {
        this.platform.stop();
    }

    private static ServiceInstance withExtra(ServiceInstance instance, Map<String, List<String>> extra) {
        List<String> arguments = new ArrayList<>(instance.arguments());
        arguments.addAll(extra.getOrDefault(instance.module().artifactId(), List.of()));
        return new ServiceInstance(instance.module(), instance.ordinal(), instance.port(), instance.phase(), arguments);
    }

    /**
     * The same service on the port ten above, like order-service's and
     * inventory-service's second.
     */
    private static ServiceInstance secondInstance(ServiceInstance first, Map<String, List<String>> extra) {
        int port = first.port() + 10;
        List<String> arguments = new ArrayList<>();
        for (String argument : first.arguments()) {
            if (argument.startsWith("--server.port=")) {
                arguments.add("--server.port=" + port);
            }
            else if (argument.startsWith("--platform.service.instance-id=")) {
                arguments.add("--platform.service.instance-id=" + first.module().artifactId() + "-2");
            }
            else {
                arguments.add(argument);
            }
        }
        arguments.addAll(extra.getOrDefault(first.module().artifactId(), List.of()));
        return new ServiceInstance(first.module(), 2, port, first.phase(), arguments);
    }

    private static ServiceInstance gatewayOver(ServiceInstance gateway, List<ServiceInstance> services, Path dataDir,
            Map<String, List<String>> extra) {
        List<String> arguments = new ArrayList<>();
        gateway.arguments()
            .stream()
            .filter((argument) -> !argument.startsWith("--spring.cloud.discovery.client.simple.instances."))
            .forEach(arguments::add);
        Map<String, Integer> indexes = new java.util.HashMap<>();
        for (ServiceInstance service : services) {
            String name = service.module().artifactId();
            int index = indexes.merge(name, 1, Integer::sum) - 1;
            arguments.add("--spring.cloud.discovery.client.simple.instances." + name + "[" + index + "].uri="
                    + service.baseUrl());
        }
        arguments.add("--gateway.keys.directory=" + dataDir.resolve("keys"));
        arguments.addAll(extra.getOrDefault(ServiceModule.GATEWAY.artifactId(), List.of()));
        return new ServiceInstance(gateway.module(), gateway.ordinal(), gateway.port(), gateway.phase(), arguments);
    }

}
