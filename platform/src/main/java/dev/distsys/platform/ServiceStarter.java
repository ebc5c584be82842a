package dev.distsys.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches the service instances phase by phase: all instances of a phase at once (their
 * JVMs start in parallel), then waits for each to be ready, reporting each as it comes
 * up.
 */
final class ServiceStarter {

    private static final Logger logger = LoggerFactory.getLogger(ServiceStarter.class);

    /**
     * Services stop before Kafka (stop group 0), so that their last commits and offsets
     * reach it.
     */
    private static final int STOP_GROUP = 1;

    private final Supervisor supervisor;

    private final JavaRuntime java;

    private final PlatformConfig config;

    private final Runnable checkNotStopping;

    ServiceStarter(Supervisor supervisor, JavaRuntime java, PlatformConfig config, Runnable checkNotStopping) {
        this.supervisor = supervisor;
        this.java = java;
        this.config = config;
        this.checkNotStopping = checkNotStopping;
    }

    /**
     * @param topology what to start
     * @param jars the module jars, in the order of {@link Topology#modules()}
     * @param bootstrapServers the running broker
     */
    void start(Topology topology, List<Path> jars, String bootstrapServers) throws IOException, InterruptedException {
        for (StartPhase phase : StartPhase.values()) {
            List<ServiceInstance> instances = topology.phase(phase);
            List<ChildProcess> children = new ArrayList<>();
            for (ServiceInstance instance : instances) {
                this.checkNotStopping.run();
                Path jar = jars.get(topology.modules().indexOf(instance.module()));
                List<String> command = this.java.jarCommand(this.config.childJvmOptions(), jar, instance.arguments());
                children.add(this.supervisor.start(instance.instanceId(), command, this.config.checkoutDir(),
                        this.config.logsDir().resolve(instance.instanceId() + ".log"), STOP_GROUP));
            }
            awaitReady(instances, children);
        }
    }

    private void awaitReady(List<ServiceInstance> instances, List<ChildProcess> children) throws InterruptedException {
        long nanos = System.nanoTime();
        ReadinessProbe probe = new ReadinessProbe();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<ServiceInstance> completion = new ExecutorCompletionService<>(executor);
            for (int i = 0; i < instances.size(); i++) {
                ServiceInstance instance = instances.get(i);
                ChildProcess child = children.get(i);
                completion.submit(() -> {
                    probe.awaitReady(child, instance.baseUrl(), this.config.readyTimeout());
                    return instance;
                });
            }
            for (int i = 0; i < instances.size(); i++) {
                try {
                    ServiceInstance instance = completion.take().get();
                    logger.info("{} {} UP in {}", Durations.pad(instance.instanceId()), instance.baseUrl(),
                            Durations.since(nanos));
                }
                catch (ExecutionException ex) {
                    executor.shutdownNow();
                    if (ex.getCause() instanceof StartupException startup) {
                        throw startup;
                    }
                    throw new StartupException("Waiting for a service failed: " + ex.getCause(), ex.getCause());
                }
            }
        }
    }

}
