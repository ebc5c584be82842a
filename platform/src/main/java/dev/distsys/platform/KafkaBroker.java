package dev.distsys.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one JVM) from the kafka_2.13
 * jar on the runner's classpath, started as a separate process. Its storage is formatted
 * once, with a cluster id kept beside it, and reused on every later start.
 */
final class KafkaBroker {

    static final String NAME = "kafka";

    /**
     * Kafka on 2 cores: a modest heap; C2 stays on because the broker is on every saga
     * hop.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
            "-Dlogback.configurationFile=kafka-logback.xml");

    private static final int STOP_GROUP = 0;

    private final ChildProcess process;

    private final KafkaSettings settings;

    private KafkaBroker(ChildProcess process, KafkaSettings settings) {
        this.process = process;
        this.settings = settings;
    }

    /**
     * Formats the storage if needed and starts the broker; does not wait for it.
     * @param supervisor supervises the broker process
     * @param java the JVM to run it on
     * @param settings where and on which ports
     * @param logsDir where the format step's and the broker's logs go
     */
    static KafkaBroker start(Supervisor supervisor, JavaRuntime java, KafkaSettings settings, Path logsDir)
            throws IOException, InterruptedException {
        Files.createDirectories(settings.directory());
        Files.writeString(settings.propertiesFile(), settings.serverProperties(), StandardCharsets.UTF_8);
        formatOnce(java, settings, logsDir.resolve(NAME + "-format.log"));
        List<String> command = java.mainClassCommand(JVM_OPTIONS, "kafka.Kafka",
                List.of(settings.propertiesFile().toString()));
        ChildProcess process = supervisor.start(NAME, command, settings.directory(), logsDir.resolve(NAME + ".log"),
                STOP_GROUP);
        return new KafkaBroker(process, settings);
    }

    ChildProcess process() {
        return this.process;
    }

    String bootstrapServers() {
        return this.settings.bootstrapServers();
    }

    /**
     * Waits until the broker accepts connections and answers a describeCluster.
     * @throws StartupException if it dies or is not ready in time
     */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!acceptsConnections()) {
            pause(deadline, timeout);
        }
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                4_000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                }
                catch (ExecutionException | TimeoutException ex) {
                    // not ready yet
                }
                pause(deadline, timeout);
            }
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Topology.HOST, this.settings.port()), 500);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** Waits a moment, failing fast when the broker died or the deadline passed. */
    private void pause(long deadline, Duration timeout) throws InterruptedException {
        if (this.process.awaitExit(250)) {
            throw new StartupException(NAME + " exited with code " + this.process.process().exitValue()
                    + " before it was ready; see " + this.process.logFile());
        }
        if (System.nanoTime() > deadline) {
            throw new StartupException(
                    NAME + " was not ready within " + timeout.toSeconds() + " s; see " + this.process.logFile());
        }
    }

    private static void formatOnce(JavaRuntime java, KafkaSettings settings, Path logFile)
            throws IOException, InterruptedException {
        if (Files.exists(settings.logDir().resolve("meta.properties"))) {
            return;
        }
        String clusterId = clusterId(settings.directory().resolve("cluster.id"));
        List<String> command = java.mainClassCommand(JVM_OPTIONS, "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", clusterId, "--config", settings.propertiesFile().toString(),
                        "--standalone", "--ignore-formatted"));
        ChildProcess format = ChildProcess.start(NAME + "-format", command, settings.directory(), logFile, 0);
        if (!format.awaitExit(60_000)) {
            format.requestStop();
            format.process().destroyForcibly();
            throw new StartupException("Formatting Kafka's storage took over 60 s; see " + logFile);
        }
        if (format.process().exitValue() != 0) {
            throw new StartupException(
                    "Formatting Kafka's storage failed with code " + format.process().exitValue() + "; see " + logFile);
        }
    }

    /**
     * The cluster id, generated once and kept, so that a failed format is retried with
     * it.
     */
    private static String clusterId(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or write Kafka's cluster id in " + file, ex);
        }
    }

}
