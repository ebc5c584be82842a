package dev.distsys.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local platform: starts PostgreSQL, Kafka, the services and the gateway in
 * order, reports each as it comes up, and stops everything on request. Start-up and stop
 * are serialized on this object, so that a Ctrl-C during start-up never misses a process
 * that is being started.
 */
final class Platform {

    private static final Logger logger = LoggerFactory.getLogger(Platform.class);

    private final PlatformConfig config;

    private final Topology topology;

    private final JavaRuntime java;

    private final String version;

    private final Supervisor supervisor;

    private final CountDownLatch stopped = new CountDownLatch(1);

    private final long startNanos = System.nanoTime();

    private DataDirLock lock;

    private PostgresServer postgres;

    private List<Path> jars;

    private String kafkaBootstrapServers;

    private boolean stopping;

    private volatile boolean ready;

    private volatile int exitCode;

    Platform(PlatformConfig config, Topology topology, JavaRuntime java, String version) {
        this.config = config;
        this.topology = topology;
        this.java = java;
        this.version = version;
        this.supervisor = new Supervisor(this::onUnexpectedExit);
    }

    /**
     * Starts every component and returns once all are ready.
     * @throws StartupException naming the component that failed and its log
     */
    void start() throws IOException, InterruptedException, SQLException {
        List<Path> jars = requireJars();
        synchronized (this) {
            checkNotStopping();
            this.lock = DataDirLock.acquire(this.config.dataDir());
            new PortGuard(PortHolders.ofSystem()).requireFree(this.topology.ports());
            logger.info("Data in {}, logs in {}; java {}", this.config.dataDir(), this.config.logsDir(),
                    this.java.javaExecutable());
        }
        startPostgres();
        KafkaBroker kafka = startKafka();
        this.jars = jars;
        this.kafkaBootstrapServers = kafka.bootstrapServers();
        new ServiceStarter(this.supervisor, this.java, this.config, this::checkNotStopping).start(this.topology, jars,
                kafka.bootstrapServers());
        List<String> dead = this.supervisor.children()
            .stream()
            .filter((child) -> !child.isAlive())
            .map(ChildProcess::name)
            .toList();
        if (!dead.isEmpty()) {
            throw new StartupException("Not ready: " + String.join(", ", dead) + " died during start-up (see above)");
        }
        this.ready = true;
        logger.info("Platform ready in {}: gateway http://{}:{}", Durations.since(this.startNanos), Topology.HOST,
                Topology.GATEWAY_PORT);
    }

    /**
     * Stops every child and PostgreSQL within the grace period plus a few seconds.
     * Idempotent.
     */
    synchronized void stop() {
        if (this.stopped.getCount() == 0) {
            return;
        }
        this.stopping = true;
        long stopNanos = System.nanoTime();
        logger.info("Stopping the platform...");
        try {
            List<String> killed = this.supervisor.stopAll(this.config.stopGracePeriod());
            if (!killed.isEmpty()) {
                logger.warn("Killed after the {} s grace period: {}", this.config.stopGracePeriod().toSeconds(),
                        String.join(", ", killed));
            }
            if (this.postgres != null) {
                this.postgres.close();
            }
            if (this.lock != null) {
                this.lock.close();
            }
            logger.info("Platform stopped in {}", Durations.since(stopNanos));
        }
        catch (IOException ex) {
            logger.error("Stopping the platform failed: {}", ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            this.stopped.countDown();
        }
    }

    /**
     * Stops one running instance as an outage would (SIGTERM, SIGKILL after the grace
     * period); the rest keeps running. For fault-injection tests and drills.
     */
    void stopInstance(String instanceId) throws InterruptedException {
        ChildProcess child = runningChild(instanceId);
        List<ProcessHandle> tree = child.requestStop();
        if (!child.awaitExit(this.config.stopGracePeriod().toMillis())) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        for (ProcessHandle handle : tree) {
            Supervisor.awaitDeath(handle);
        }
        logger.info("{} stopped on request", instanceId);
    }

    /**
     * Starts an instance of the topology that is not running, and waits until it is
     * ready.
     */
    void startInstance(String instanceId) throws IOException, InterruptedException {
        ServiceInstance instance = this.topology.instances()
            .stream()
            .filter((candidate) -> candidate.instanceId().equals(instanceId))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no instance " + instanceId + " in the topology"));
        if (this.supervisor.children()
            .stream()
            .anyMatch((child) -> child.name().equals(instanceId) && child.isAlive())) {
            throw new IllegalStateException(instanceId + " is already running");
        }
        Path jar = this.jars.get(this.topology.modules().indexOf(instance.module()));
        Topology single = new Topology(this.topology.postgresPort(), this.topology.kafkaPort(),
                this.topology.kafkaControllerPort(), List.of(instance));
        new ServiceStarter(this.supervisor, this.java, this.config, this::checkNotStopping).start(single, List.of(jar),
                this.kafkaBootstrapServers);
    }

    private ChildProcess runningChild(String instanceId) {
        return this.supervisor.children()
            .stream()
            .filter((child) -> child.name().equals(instanceId) && child.isAlive())
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(instanceId + " is not running"));
    }

    /** Blocks until {@link #stop} has finished. */
    int awaitStopped() throws InterruptedException {
        this.stopped.await();
        return this.exitCode;
    }

    private List<Path> requireJars() {
        List<Path> jars = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ServiceModule module : this.topology.modules()) {
            Path jar = module.jar(this.config.checkoutDir(), this.version);
            if (!Files.isRegularFile(jar)) {
                missing.add(module.artifactId() + ": " + this.config.checkoutDir().relativize(jar));
            }
            jars.add(jar);
        }
        if (!missing.isEmpty()) {
            throw new StartupException("These module jars are missing:\n  - " + String.join("\n  - ", missing)
                    + "\nBuild them from the checkout root with: ./mvnw -DskipTests package"
                    + " (or run: ./mvnw -pl platform -am -DskipTests package spring-boot:run)");
        }
        return jars;
    }

    private void startPostgres() throws IOException, SQLException {
        synchronized (this) {
            checkNotStopping();
            long nanos = System.nanoTime();
            this.postgres = PostgresServer.start(this.config.dataDir().resolve("postgres"),
                    this.topology.postgresPort(), this.config.logsDir().resolve("postgres.log"));
            List<String> created = this.postgres.createDatabasesIfAbsent(this.topology.databases());
            logger.info("{} {} UP in {}{}", Durations.pad("postgres"), this.postgres.jdbcUrl(""),
                    Durations.since(nanos), created.isEmpty() ? "" : " (created " + String.join(", ", created) + ")");
        }
    }

    private KafkaBroker startKafka() throws IOException, InterruptedException {
        long nanos = System.nanoTime();
        KafkaBroker kafka;
        synchronized (this) {
            checkNotStopping();
            kafka = KafkaBroker.start(this.supervisor, this.java,
                    new KafkaSettings(this.config.dataDir().resolve("kafka"), this.topology.kafkaPort(),
                            this.topology.kafkaControllerPort()),
                    this.config.logsDir());
        }
        kafka.awaitReady(this.config.readyTimeout());
        logger.info("{} {} UP in {}", Durations.pad(KafkaBroker.NAME), kafka.bootstrapServers(),
                Durations.since(nanos));
        return kafka;
    }

    private synchronized void checkNotStopping() {
        if (this.stopping) {
            throw new StartupException("Start-up interrupted: the platform is stopping");
        }
    }

    private void onUnexpectedExit(ChildExit exit) {
        logger.error("{}", exit.describe());
        if (this.ready && this.config.onChildExit() == OnChildExit.STOP) {
            this.exitCode = 1;
            Thread.ofPlatform().name("platform-stop").start(this::stop);
        }
        else if (this.ready) {
            logger.warn("The rest of the platform keeps running (--on-child-exit=continue); restart the runner to "
                    + "bring {} back", exit.name());
        }
    }

}
