package dev.distsys.platform.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Places orders against the running local platform and measures how many complete per
 * second and how long each takes from its request to its final status. Final statuses are
 * read from the {@code order.events} topic (OrderApproved, OrderRejected), so measuring
 * adds no polling load.
 *
 * <p>
 * Run with {@code bench/orders.sh} (it builds the classpath and picks a JDK 21+). Every
 * loop is bounded by the order count and by {@code --max-seconds}.
 */
public final class OrderLoadGenerator {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final LoadSettings settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final PrintStream out;

    private OrderLoadGenerator(LoadSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(LoadSettings.USAGE);
            return;
        }
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.err.println(LoadSettings.USAGE);
            System.exit(2);
            return;
        }
        new OrderLoadGenerator(settings, System.out).run();
    }

    private void run() throws Exception {
        String admin = token("admin", "admin-secret");
        String demo = token("demo", "demo-secret");
        prepare(admin);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        try (FinalStatuses finals = FinalStatuses.start(this.settings.kafka(), sentAt)) {
            long started = System.nanoTime();
            Progress progress = new Progress(this.settings.orders(), System.err);
            AtomicInteger failedRequests = new AtomicInteger();
            Semaphore inFlight = new Semaphore(this.settings.concurrency());
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < this.settings.orders() && !timeUp(started); i++) {
                    pace(started, i);
                    inFlight.acquire();
                    int number = i;
                    pool.submit(() -> {
                        try {
                            place(demo, number, sentAt, failedRequests);
                        }
                        finally {
                            inFlight.release();
                        }
                        progress.show(sentAt.size(), finals.count());
                    });
                }
            }
            while (finals.count() < sentAt.size() && !timeUp(started)) {
                progress.show(sentAt.size(), finals.count());
                finals.awaitMore(Duration.ofMillis(250));
            }
            progress.show(sentAt.size(), finals.count());
            System.err.println();
            report(started, sentAt, finals, failedRequests.get(), admin);
        }
    }

    /**
     * With --rate, holds order {@code number} back until its slot: an open-loop load at a
     * fixed rate.
     */
    private void pace(long started, int number) throws InterruptedException {
        if (this.settings.ratePerSecond() > 0) {
            long slot = started + number * 1_000_000_000L / this.settings.ratePerSecond();
            long wait = slot - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    private void place(String token, int number, Map<String, Long> sentAt, AtomicInteger failed) {
        String customer = "LOAD-C-" + (number % this.settings.customers());
        String sku = "LOAD-SKU-" + (number % this.settings.skus());
        String body = "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}";
        HttpRequest request = HttpRequest.newBuilder(target(number, "/api/orders"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "load-" + UUID.randomUUID())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher orderId = ORDER_ID.matcher(response.body());
            if (response.statusCode() == 202 && orderId.find()) {
                sentAt.put(orderId.group(1), sent);
            }
            else {
                failed.incrementAndGet();
            }
        }
        catch (IOException ex) {
            failed.incrementAndGet();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stock and money enough that orders succeed: the benchmark measures the saga, not
     * refusals.
     */
    private void prepare(String admin) throws IOException, InterruptedException {
        for (int i = 0; i < this.settings.skus(); i++) {
            put(admin, "/api/inventory/LOAD-SKU-" + i, "{\"available\":100000000,\"unitPriceCents\":100}");
        }
        for (int i = 0; i < this.settings.customers(); i++) {
            put(admin, "/api/accounts/LOAD-C-" + i, "{\"balanceCents\":100000000000}");
        }
    }

    private void put(String token, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(target(0, path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "PUT " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private String token(String client, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = this.http
            .send(HttpRequest.newBuilder(this.settings.gateway().resolve("/auth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException(
                    "the gateway refused a token for " + client + ": " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    /**
     * Where a request goes: the gateway, or (with --direct) the services' instances in
     * turn.
     */
    private URI target(int number, String path) {
        List<URI> targets = this.settings.targetsFor(path);
        return targets.get(number % targets.size()).resolve(path);
    }

    private boolean timeUp(long started) {
        return System.nanoTime() - started > this.settings.maxDuration().toNanos();
    }

    private void report(long started, Map<String, Long> sentAt, FinalStatuses finals, int failedRequests,
            String admin) {
        List<Long> latencies = new ArrayList<>();
        long lastFinal = started;
        for (Map.Entry<String, FinalStatuses.Final> done : finals.all().entrySet()) {
            Long sent = sentAt.get(done.getKey());
            if (sent != null) {
                latencies.add(done.getValue().atNanos() - sent);
                lastFinal = Math.max(lastFinal, done.getValue().atNanos());
            }
        }
        double seconds = (lastFinal - started) / 1e9;
        this.out.printf("orders placed: %d, finished: %d, refused requests: %d, unfinished: %d%n", sentAt.size(),
                latencies.size(), failedRequests, sentAt.size() - latencies.size());
        this.out.printf("outcomes: %s%n", finals.outcomes());
        this.out.printf("completed orders/s: %.1f (%d orders in %.1f s, concurrency %d, rate %s, target %s)%n",
                latencies.size() / Math.max(seconds, 1e-9), latencies.size(), seconds, this.settings.concurrency(),
                (this.settings.ratePerSecond() > 0) ? this.settings.ratePerSecond() + "/s" : "unpaced",
                this.settings.direct() ? "services directly" : "gateway");
        this.out.printf("latency request -> final status: %s%n", Percentiles.of(latencies));
        this.out.printf("outbox lag (p99 per service, from /actuator/prometheus): %s%n",
                OutboxLag.read(this.http, this.settings.serviceBases(), admin));
    }

}
