package dev.distsys.coordination.client.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.distsys.coordination.client.CoordinationException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the members: prefers the leader named by the last answer's
 * {@code X-Raft-Leader-Address} (a follower would forward anyway; going straight saves a
 * hop), moves to the next member when one cannot be reached, and retries what is safe to
 * retry: 503 (not applied), unreachable members, and 504 of requests that carry a session
 * serial (the service deduplicates them). Backoff is exponential with jitter, bounded in
 * attempts.
 */
public final class Http implements AutoCloseable {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final List<URI> members;

    private final String token;

    private final Duration timeout;

    private final HttpClient client;

    private final Retry retry;

    private final AtomicReference<URI> preferred = new AtomicReference<>();

    private final AtomicInteger next = new AtomicInteger();

    /** Retried: the outcome is known not to be applied, or a retry is deduplicated. */
    static final class Retryable extends RuntimeException {

        final CoordinationException failure;

        Retryable(CoordinationException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }

    }

    public Http(List<URI> members, String token, Duration timeout, int maxAttempts) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("name at least one coordination member");
        }
        this.members = List.copyOf(members);
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        this.retry = Retry.of("coordination", RetryConfig.custom()
            .maxAttempts(maxAttempts)
            .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(50), 2.0, 0.5, Duration.ofSeconds(2)))
            .retryExceptions(Retryable.class)
            .build());
    }

    /** A write or read; an answer other than 2xx is a {@link CoordinationException}. */
    public JsonNode call(String method, String path, Object body, Map<String, String> headers) {
        boolean deduplicated = headers.containsKey("X-Client-Serial");
        try {
            return this.retry.executeSupplier(() -> once(method, path, body, headers, deduplicated));
        }
        catch (Retryable ex) {
            throw ex.failure;
        }
    }

    /** A read whose 404 means "absent". */
    public JsonNode getOrNull(String path) {
        try {
            return call("GET", path, null, Map.of());
        }
        catch (CoordinationException ex) {
            if (ex.status() == 404) {
                return null;
            }
            throw ex;
        }
    }

    private JsonNode once(String method, String path, Object body, Map<String, String> headers, boolean deduplicated) {
        URI member = target();
        HttpRequest.Builder request = HttpRequest.newBuilder(member.resolve(path))
            .timeout(this.timeout)
            .header("Content-Type", "application/json")
            .method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))
                    : HttpRequest.BodyPublishers.noBody());
        if (this.token != null) {
            request.header("Authorization", "Bearer " + this.token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            this.preferred.compareAndSet(member, null);
            this.next.incrementAndGet();
            CoordinationException failure = new CoordinationException(0, member + " did not answer: " + ex);
            // A read, or a write the service deduplicates, is safe to send again.
            if ("GET".equals(method) || deduplicated) {
                throw new Retryable(failure);
            }
            throw failure;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CoordinationException(0, "interrupted");
        }
        response.headers().firstValue("X-Raft-Leader-Address").map(URI::create).ifPresent(this.preferred::set);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return (response.body().isEmpty()) ? json.nullNode() : json.readTree(response.body());
        }
        CoordinationException failure = new CoordinationException(status,
                status + " from " + member + ": " + response.body());
        if (status == 503 || (status == 504 && deduplicated)) {
            if (status == 503 && response.headers().firstValue("X-Raft-Leader-Address").isEmpty()) {
                this.next.incrementAndGet();
            }
            throw new Retryable(failure);
        }
        throw failure;
    }

    private URI target() {
        URI leader = this.preferred.get();
        return (leader != null) ? leader : this.members.get(Math.floorMod(this.next.get(), this.members.size()));
    }

    @Override
    public void close() {
        this.client.close();
    }

}
