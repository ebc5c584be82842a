package dev.distsys.coordination.server.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.distsys.coordination.server.CoordinationServerApplication;
import dev.distsys.shared.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Three coordination members as real JVM processes on loopback ports, started with the
 * java and the classpath of the test JVM, trusting {@link TestTokens}.
 */
final class MemberProcesses implements AutoCloseable {

    static final String TOKEN = TestTokens.issue("admin", "coordination");

    private static final JsonMapper json = JsonMapper.builder().build();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dataDir;

    private final Map<Integer, Integer> httpPorts = new LinkedHashMap<>();

    private final Map<Integer, Integer> peerPorts = new LinkedHashMap<>();

    private final Map<Integer, Process> processes = new LinkedHashMap<>();

    MemberProcesses(int size) throws IOException {
        this.dataDir = Files.createTempDirectory("coordination-cluster");
        for (int id = 1; id <= size; id++) {
            this.httpPorts.put(id, freePort());
            this.peerPorts.put(id, freePort());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String members() {
        return this.httpPorts.keySet()
            .stream()
            .map((id) -> id + "=http://127.0.0.1:" + this.httpPorts.get(id) + "|127.0.0.1:" + this.peerPorts.get(id))
            .collect(Collectors.joining(","));
    }

    void startAll() throws IOException {
        for (int id : this.httpPorts.keySet()) {
            start(id);
        }
        awaitLeader();
    }

    void start(int id) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // Tests start fast (C1 only, small serial heap); the benchmark runs members as in
        // production.
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(Boolean.getBoolean("members.production-jvm") ? List.of("-Xmx512m")
                : List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command
            .addAll(List.of("-cp", System.getProperty("java.class.path"), CoordinationServerApplication.class.getName(),
                    "--server.port=" + this.httpPorts.get(id), "--coordination.member-id=" + id,
                    "--coordination.data-dir=" + this.dataDir.resolve("m" + id), "--coordination.members=" + members(),
                    "--platform.security.public-key-location=" + TestTokens.publicKeyFile().toUri(),
                    "--platform.service.instance-id=member-" + id, "--spring.main.banner-mode=off",
                    "--springdoc.api-docs.enabled=false"));
        File log = this.dataDir.resolve("m" + id + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
        this.processes.put(id, process);
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill(int id) throws InterruptedException {
        Process process = this.processes.remove(id);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    void killAll() throws InterruptedException {
        for (int id : List.copyOf(this.processes.keySet())) {
            kill(id);
        }
    }

    /**
     * @return CPU time every running member used so far, in milliseconds
     */
    long cpuMillis() {
        return this.processes.values()
            .stream()
            .mapToLong((p) -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L))
            .sum();
    }

    URI uri(int id, String path) {
        return URI.create("http://127.0.0.1:" + this.httpPorts.get(id) + path);
    }

    List<Integer> running() {
        return List.copyOf(this.processes.keySet());
    }

    /**
     * Sends SIGSTOP or SIGCONT to a member: a process paused as by a long GC or a frozen
     * VM.
     */
    void signal(int id, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(this.processes.get(id).pid()))
            .inheritIO()
            .start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * @return the leader id that every running member agrees on, once they do
     */
    int awaitLeader() {
        return awaitLeaderAmong(running());
    }

    /**
     * @return the leader id that these members agree on (it must be one of them)
     */
    int awaitLeaderAmong(List<Integer> members) {
        int[] leader = new int[1];
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Integer agreed = null;
            for (int id : members) {
                JsonNode cluster = getJson(id, "/v1/cluster");
                if (cluster == null || cluster.get("leader").isNull()) {
                    return false;
                }
                int seen = Integer.parseInt(cluster.get("leader").asString());
                if (agreed != null && agreed != seen || !members.contains(seen)) {
                    return false;
                }
                agreed = seen;
            }
            leader[0] = agreed;
            return true;
        });
        return leader[0];
    }

    JsonNode getJson(int id, String path) {
        try {
            HttpResponse<String> response = send(id, "GET", path, null);
            return (response.statusCode() == 200) ? json.readTree(response.body()) : null;
        }
        catch (IOException ex) {
            return null;
        }
    }

    HttpResponse<String> send(int id, String method, String path, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri(id, path))
            .timeout(Duration.ofSeconds(15))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(method,
                    (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
            .build();
        try {
            return this.http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
    }

    static JsonNode parse(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        killAll();
        try (java.util.stream.Stream<Path> files = Files.walk(this.dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
        catch (IOException ex) {
            // a temporary directory left behind is harmless
        }
    }

}
