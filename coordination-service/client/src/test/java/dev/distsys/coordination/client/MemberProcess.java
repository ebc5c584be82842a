package dev.distsys.coordination.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One real coordination member, started from the server module's jar (the reactor builds
 * coordination-service/server before this module), without authentication.
 */
final class MemberProcess implements AutoCloseable {

    private final Process process;

    final URI address;

    MemberProcess() throws IOException {
        Path jar = serverJar();
        int port = freePort();
        Path data = Files.createTempDirectory("coordination-client-test");
        String java = ProcessHandle.current().info().command().orElse("java");
        this.address = URI.create("http://127.0.0.1:" + port);
        this.process = new ProcessBuilder(List.of(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--server.port=" + port, "--coordination.member-id=1",
                "--coordination.data-dir=" + data, "--coordination.members=1=" + this.address,
                "--coordination.auth.enabled=false", "--spring.main.banner-mode=off"))
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("member.log").toFile())
            .start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try {
                return http
                    .send(HttpRequest.newBuilder(this.address.resolve("/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 200;
            }
            catch (IOException ex) {
                return false;
            }
        });
    }

    private static Path serverJar() {
        Path target = Path.of("..", "server", "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter((p) -> p.getFileName().toString().matches("coordination-server-.*\\.jar"))
                .filter((p) -> !p.getFileName().toString().endsWith("-plain.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "build coordination-service/server first: no coordination-server jar in " + target));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        this.process.destroyForcibly();
        this.process.waitFor(10, TimeUnit.SECONDS);
    }

}
