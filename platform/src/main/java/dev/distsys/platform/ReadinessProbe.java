package dev.distsys.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Polls a Spring Boot service's readiness group until it answers 200, the process dies,
 * or the deadline passes. Falls back to {@code /actuator/health} for a service that
 * exposes no readiness group (404).
 */
final class ReadinessProbe {

    static final String READINESS_PATH = "/actuator/health/readiness";

    static final String HEALTH_PATH = "/actuator/health";

    private static final long POLL_INTERVAL_MS = 250;

    private final HttpClient http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(1))
        .version(HttpClient.Version.HTTP_1_1)
        .build();

    /**
     * Waits until the child at {@code baseUrl} is ready.
     * @throws StartupException if it dies or is not ready within {@code timeout}
     */
    void awaitReady(ChildProcess child, URI baseUrl, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String path = READINESS_PATH;
        String lastAnswer = "no answer yet";
        while (true) {
            try {
                HttpResponse<String> response = this.http.send(
                        HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                if (response.statusCode() == 404 && path.equals(READINESS_PATH)) {
                    path = HEALTH_PATH;
                    continue;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            }
            catch (IOException ex) {
                lastAnswer = ex.getClass().getSimpleName();
            }
            if (child.awaitExit(POLL_INTERVAL_MS)) {
                throw new StartupException(child.name() + " exited with code " + child.process().exitValue()
                        + " before it was ready; see " + child.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException(child.name() + " was not ready within " + timeout.toSeconds() + " s ("
                        + baseUrl.resolve(path) + ": " + lastAnswer + "); see " + child.logFile());
            }
        }
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return (flat.length() > 200) ? flat.substring(0, 200) + "..." : flat;
    }

}
