package dev.distsys.platform;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReadinessProbeTests {

    private final Supervisor supervisor = new Supervisor((exit) -> {
    });

    private final ReadinessProbe probe = new ReadinessProbe();

    private HttpServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void startServer() throws Exception {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        this.server.stop(0);
        this.supervisor.stopAll(Duration.ofSeconds(1));
    }

    @Test
    void shouldWaitUntilReadinessAnswers200() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        respond(ReadinessProbe.READINESS_PATH, () -> (calls.incrementAndGet() < 3) ? 503 : 200);
        ChildProcess child = start("block");

        this.probe.awaitReady(child, baseUrl(), Duration.ofSeconds(20));

        assertThat(calls).hasValue(3);
    }

    @Test
    void shouldFallBackToHealthWithoutAReadinessGroup() throws Exception {
        respond(ReadinessProbe.READINESS_PATH, () -> 404);
        respond(ReadinessProbe.HEALTH_PATH, () -> 200);
        ChildProcess child = start("block");

        this.probe.awaitReady(child, baseUrl(), Duration.ofSeconds(20));
    }

    @Test
    void shouldFailAtOnceNamingTheLogWhenTheChildDies() throws Exception {
        respond(ReadinessProbe.READINESS_PATH, () -> 503);
        ChildProcess child = start("exit", "7");

        assertThatExceptionOfType(StartupException.class)
            .isThrownBy(() -> this.probe.awaitReady(child, baseUrl(), Duration.ofSeconds(60)))
            .withMessage("child exited with code 7 before it was ready; see " + child.logFile());
    }

    @Test
    void shouldGiveUpAfterTheTimeoutWithTheLastAnswer() throws Exception {
        respond(ReadinessProbe.READINESS_PATH, () -> 503);
        ChildProcess child = start("block");

        assertThatExceptionOfType(StartupException.class)
            .isThrownBy(() -> this.probe.awaitReady(child, baseUrl(), Duration.ofSeconds(1)))
            .withMessageContaining("child was not ready within 1 s")
            .withMessageContaining("HTTP 503 {\"status\":\"TEST\"}")
            .withMessageContaining(child.logFile().toString());
    }

    private void respond(String path, IntSupplier status) {
        this.server.createContext(path, (exchange) -> {
            byte[] body = "{\"status\":\"TEST\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.getAsInt(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private URI baseUrl() {
        return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
    }

    private ChildProcess start(String... args) throws Exception {
        return this.supervisor.start("child", TestChild.command(args), this.dir, this.dir.resolve("child.log"), 1);
    }

}
