package dev.distsys.coordination.server.cluster;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of issue 4: starts three member processes on loopback, then prints
 * PUT throughput and latency at 1/8/32 clients, linearizable and serializable reads/s,
 * contended lock handoffs/s with 16 clients, distinct-lock cycles/s with 8 clients, and
 * the write unavailability after SIGKILL of the leader. Bounded: about two minutes. Not a
 * test: run it with {@code coordination-service/server/bench.sh}.
 */
public final class ClusterBenchmark {

    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 8));

    private ClusterBenchmark() {
    }

    interface Operation {

        /**
         * @return whether it succeeded
         */
        boolean run(int client, long i) throws IOException;

    }

    record Stats(long ops, double perSecond, double p50Ms, double p99Ms) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%8.0f/s  p50 %6.2f ms  p99 %6.2f ms  (%d ops)", this.perSecond,
                    this.p50Ms, this.p99Ms, this.ops);
        }

    }

    public static void main(String[] args) throws Exception {
        try (MemberProcesses cluster = new MemberProcesses(3)) {
            cluster.startAll();
            int leader = cluster.awaitLeader();
            System.out.println("3 members up, leader " + leader + "; " + PHASE.toSeconds() + " s per phase, "
                    + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.version"));
            warmUp(cluster, leader);
            for (int clients : new int[] { 1, 8, 32 }) {
                long cpuBefore = cluster.cpuMillis();
                long selfBefore = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
                Stats put = measure(clients, (c, i) -> ok(cluster.send(leader, "PUT",
                        "/v1/kv/bench-" + c + "-" + (i % 100), "{\"value\": \"v" + i + "\"}"), 200));
                long members = cluster.cpuMillis() - cpuBefore;
                long self = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() - selfBefore;
                System.out.println("PUT  " + String.format("%2d", clients) + " clients: " + put
                        + String.format(Locale.ROOT, "  CPU per PUT: members %.0f us, load generator %.0f us",
                                members * 1000.0 / put.ops(), self * 1000.0 / put.ops()));
            }
            Stats linearizable = measure(32, (c, i) -> ok(cluster.send(leader, "GET", "/v1/kv/bench-0-1", null), 200));
            System.out.println("GET  linearizable 32 clients: " + linearizable);
            int follower = cluster.running().stream().filter((id) -> id != leader).findFirst().orElseThrow();
            Stats serializable = measure(32, (c,
                    i) -> ok(cluster.send(follower, "GET", "/v1/kv/bench-0-1?consistency=serializable", null), 200));
            System.out.println("GET  serializable 32 clients (a follower): " + serializable);
            System.out.println("LOCK one lock, 16 clients, acquire latency: " + locks(cluster, leader, 16, true));
            System.out.println("LOCK distinct locks, 8 clients, cycle latency: " + locks(cluster, leader, 8, false));
            System.out.println("KILL -9 of the leader: writes unavailable for "
                    + String.format(Locale.ROOT, "%.3f s", unavailability(cluster, leader)));
        }
    }

    private static boolean ok(HttpResponse<String> response, int status) {
        return response.statusCode() == status;
    }

    private static void warmUp(MemberProcesses cluster, int leader) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        measureUntil(8, end, (c, i) -> ok(cluster.send(leader, "PUT", "/v1/kv/warm-" + c, "{\"value\": \"w\"}"), 200));
    }

    private static Stats measure(int clients, Operation operation) throws Exception {
        return measureUntil(clients, System.nanoTime() + PHASE.toNanos(), operation);
    }

    private static Stats measureUntil(int clients, long endNanos, Operation operation) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                for (long i = 0; System.nanoTime() < endNanos; i++) {
                    long t0 = System.nanoTime();
                    try {
                        if (operation.run(client, i)) {
                            mine.add(System.nanoTime() - t0);
                        }
                    }
                    catch (IOException ex) {
                        // counted as not done
                    }
                }
                latencies.addAll(mine);
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = latencies.stream().sorted().toList();
        return new Stats(sorted.size(), sorted.size() / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }

    private static Stats locks(MemberProcesses cluster, int leader, int clients, boolean contended) throws Exception {
        String[] leases = new String[clients];
        for (int c = 0; c < clients; c++) {
            leases[c] = MemberProcesses.parse(cluster.send(leader, "POST", "/v1/leases", "{\"ttlMs\": 60000}"))
                .get("leaseId")
                .asString();
        }
        AtomicLong lastToken = new AtomicLong();
        return measure(clients, (c, i) -> {
            String lock = contended ? "bench-contended" : "bench-lock-" + c;
            HttpResponse<String> acquired = cluster.send(leader, "POST", "/v1/locks/" + lock,
                    "{\"leaseId\": \"" + leases[c] + "\", \"waitMs\": 10000}");
            if (acquired.statusCode() != 200) {
                return false;
            }
            long token = MemberProcesses.parse(acquired).get("fencingToken").asLong();
            lastToken.accumulateAndGet(token, Math::max);
            return ok(cluster.send(leader, "DELETE", "/v1/locks/" + lock + "?fencingToken=" + token, null), 204);
        });
    }

    /** Seconds from the SIGKILL to the first acknowledged write sent after it. */
    private static double unavailability(MemberProcesses cluster, int ignored) throws Exception {
        List<Integer> members = cluster.running();
        int[] victim = { 0 };
        AtomicLong firstAfter = new AtomicLong(Long.MAX_VALUE);
        long[] killedAt = new long[1];
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            running.add(pool.submit(() -> {
                for (long i = 0; System.nanoTime() < end && firstAfter.get() == Long.MAX_VALUE; i++) {
                    int member = members.get((int) ((client + i) % members.size()));
                    if (member == victim[0]) {
                        continue;
                    }
                    try {
                        long sentAt = System.nanoTime();
                        HttpResponse<String> response = cluster.send(member, "PUT", "/v1/kv/kill-" + client,
                                "{\"value\": \"" + i + "\"}");
                        if (response.statusCode() == 200 && killedAt[0] != 0 && sentAt - killedAt[0] > 0) {
                            firstAfter.accumulateAndGet(System.nanoTime(), Math::min);
                        }
                    }
                    catch (IOException ex) {
                        // retry at once
                    }
                }
                return null;
            }));
        }
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
        // Leadership may have moved under load: kill whoever leads now.
        victim[0] = cluster.awaitLeader();
        killedAt[0] = System.nanoTime();
        cluster.kill(victim[0]);
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        return (firstAfter.get() == Long.MAX_VALUE) ? Double.NaN : (firstAfter.get() - killedAt[0]) / 1e9;
    }

}
