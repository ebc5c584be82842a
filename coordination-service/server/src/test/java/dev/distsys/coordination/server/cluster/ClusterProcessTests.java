package dev.distsys.coordination.server.cluster;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordination guarantees on three real member processes: SIGKILL of the leader
 * during writes, a restart of every member, and lock safety under contention.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessTests {

    private static MemberProcesses cluster;

    @BeforeAll
    static void start() throws IOException {
        cluster = new MemberProcesses(3);
        cluster.startAll();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Writes one key through any running member; null when the outcome is not known to be
     * applied.
     */
    private static Long write(String key, String value) {
        for (int id : cluster.running()) {
            try {
                HttpResponse<String> response = cluster.send(id, "PUT", "/v1/kv/" + key,
                        "{\"value\": \"" + value + "\"}");
                if (response.statusCode() == 200) {
                    return MemberProcesses.parse(response).get("revision").asLong();
                }
            }
            catch (IOException ex) {
                // that member is down or did not answer: try another
            }
        }
        return null;
    }

    @Test
    @Order(1)
    void shouldLoseNoAcknowledgedWriteWhenTheLeaderIsKilledDuringWrites() throws Exception {
        int leader = cluster.awaitLeader();
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                for (int i = 0; i < 100_000 && writing.get(); i++) {
                    String key = "kill-" + writer + "-" + i;
                    if (write(key, "v" + i) != null) {
                        acknowledged.add(key);
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100);

        cluster.kill(leader);
        int before = acknowledged.size();
        int newLeader = cluster.awaitLeader();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= before + 100);
        writing.set(false);
        for (Future<?> future : running) {
            future.get();
        }
        writers.shutdown();

        assertThat(newLeader).isNotEqualTo(leader);
        for (String key : List.copyOf(acknowledged)) {
            JsonNode read = cluster.getJson(newLeader, "/v1/kv/" + key);
            assertThat(read).as("acknowledged write %s", key).isNotNull();
        }
        cluster.start(leader);
        await().atMost(Duration.ofSeconds(150))
            .until(() -> cluster.getJson(leader,
                    "/v1/kv/" + acknowledged.get(acknowledged.size() - 1) + "?consistency=serializable") != null);
    }

    @Test
    @Order(2)
    void shouldKeepFencingTokensIncreasingAndRejectOlderTokensUnderContention() throws Exception {
        int clients = 8;
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int member = cluster.running().get(c % cluster.running().size());
            running.add(pool.submit(() -> {
                try {
                    String leaseId = MemberProcesses
                        .parse(cluster.send(member, "POST", "/v1/leases", "{\"ttlMs\": 30000}"))
                        .get("leaseId")
                        .asString();
                    for (int round = 0; round < 5; round++) {
                        HttpResponse<String> acquired = cluster.send(member, "POST", "/v1/locks/contended",
                                "{\"leaseId\": \"" + leaseId + "\", \"waitMs\": 10000}");
                        if (acquired.statusCode() != 200) {
                            failures.add("acquire " + acquired.statusCode() + " " + acquired.body());
                            continue;
                        }
                        long token = MemberProcesses.parse(acquired).get("fencingToken").asLong();
                        tokens.add(token);
                        HttpResponse<String> fenced = cluster.send(member, "PUT", "/v1/kv/protected", "{\"value\": \""
                                + token + "\", \"fence\": {\"lock\": \"contended\", \"token\": " + token + "}}");
                        if (fenced.statusCode() != 200) {
                            failures.add("fenced write of the holder " + fenced.statusCode());
                        }
                        HttpResponse<String> released = cluster.send(member, "DELETE",
                                "/v1/locks/contended?fencingToken=" + token, null);
                        if (released.statusCode() != 204) {
                            failures.add("release " + released.statusCode());
                        }
                        HttpResponse<String> late = cluster.send(member, "PUT", "/v1/kv/protected",
                                "{\"value\": \"late\", \"fence\": {\"lock\": \"contended\", \"token\": " + token
                                        + "}}");
                        if (late.statusCode() != 409) {
                            failures.add("a released token wrote: " + late.statusCode());
                        }
                    }
                }
                catch (IOException ex) {
                    failures.add(ex.toString());
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();

        assertThat(failures).isEmpty();
        assertThat(tokens).hasSize(clients * 5).doesNotHaveDuplicates();
        assertThat(tokens.stream().sorted().toList()).first().isEqualTo(tokens.stream().min(Long::compare).get());
    }

    @Test
    @Order(3)
    void shouldKeepStateAndTokensWhenEveryMemberRestarts() throws Exception {
        Long revision = write("restart-key", "kept");
        assertThat(revision).isNotNull();
        int leader = cluster.awaitLeader();
        String leaseId = MemberProcesses.parse(cluster.send(leader, "POST", "/v1/leases", "{\"ttlMs\": 60000}"))
            .get("leaseId")
            .asString();
        long before = MemberProcesses
            .parse(cluster.send(leader, "POST", "/v1/locks/restart-lock", "{\"leaseId\": \"" + leaseId + "\"}"))
            .get("fencingToken")
            .asLong();
        cluster.send(leader, "DELETE", "/v1/locks/restart-lock?fencingToken=" + before, null);

        cluster.killAll();
        cluster.startAll();
        int newLeader = cluster.awaitLeader();

        JsonNode kept = cluster.getJson(newLeader, "/v1/kv/restart-key");
        assertThat(kept).isNotNull();
        assertThat(kept.get("value").asString()).isEqualTo("kept");
        assertThat(kept.get("modRevision").asLong()).isEqualTo(revision);
        long after = MemberProcesses
            .parse(cluster.send(newLeader, "POST", "/v1/locks/restart-lock", "{\"leaseId\": \"" + leaseId + "\"}"))
            .get("fencingToken")
            .asLong();
        assertThat(after).isGreaterThan(before);
    }

    @Test
    @Order(4)
    void shouldWatchEveryAcknowledgedChangeOnceAndInOrderAcrossALeaderChange() throws Exception {
        int leader = cluster.awaitLeader();
        int watched = cluster.running().stream().filter((id) -> id != leader).findFirst().orElseThrow();
        long from = MemberProcesses.parse(cluster.send(leader, "GET", "/v1/kv/restart-key", null))
            .get("revision")
            .asLong() + 1;
        java.net.http.HttpRequest request = java.net.http.HttpRequest
            .newBuilder(cluster.uri(watched, "/v1/watch?prefix=watch-x.&fromRevision=" + from))
            .header("Authorization", "Bearer " + MemberProcesses.TOKEN)
            .build();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CompletableFuture<HttpResponse<Void>> stream = cluster.http.sendAsync(request,
                HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (i == 20) {
                cluster.kill(leader);
            }
            String key = "watch-x." + i;
            await().atMost(Duration.ofSeconds(30)).until(() -> writeVia(watched, key));
            acknowledged.add(key);
        }

        List<Long> revisions = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!keys.containsAll(acknowledged) && System.nanoTime() < deadline) {
            String line = lines.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            if (line != null && line.startsWith("data:")) {
                JsonNode event = tools.jackson.databind.json.JsonMapper.builder().build().readTree(line.substring(5));
                revisions.add(event.get("revision").asLong());
                keys.add(event.get("key").asString());
            }
        }
        stream.cancel(true);

        assertThat(keys).containsAll(acknowledged).doesNotHaveDuplicates();
        assertThat(revisions).isSorted().doesNotHaveDuplicates();
        cluster.start(leader);
        cluster.awaitLeader();
    }

    private static boolean writeVia(int member, String key) {
        try {
            return cluster.send(member, "PUT", "/v1/kv/" + key, "{\"value\": \"x\"}").statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Test
    @Order(5)
    void shouldDeposeAPausedLeaderAndFenceOffAPausedLockHolder() throws Exception {
        int leader = cluster.awaitLeader();
        List<Integer> others = cluster.running().stream().filter((id) -> id != leader).toList();
        int member = others.get(0);
        String paused = MemberProcesses.parse(cluster.send(member, "POST", "/v1/leases", "{\"ttlMs\": 1500}"))
            .get("leaseId")
            .asString();
        long oldToken = MemberProcesses
            .parse(cluster.send(member, "POST", "/v1/locks/paused-lock", "{\"leaseId\": \"" + paused + "\"}"))
            .get("fencingToken")
            .asLong();
        long oldTerm = cluster.getJson(leader, "/v1/cluster").get("term").asLong();

        // The leader and the lock holder stop together: the holder sends no keep-alive.
        cluster.signal(leader, "STOP");
        try {
            int newLeader = cluster.awaitLeaderAmong(others);
            String next = MemberProcesses.parse(cluster.send(member, "POST", "/v1/leases", "{\"ttlMs\": 30000}"))
                .get("leaseId")
                .asString();
            HttpResponse<String> acquired = cluster.send(member, "POST", "/v1/locks/paused-lock",
                    "{\"leaseId\": \"" + next + "\", \"waitMs\": 10000}");
            assertThat(acquired.statusCode()).as("the lock is released when the paused lease ends").isEqualTo(200);
            assertThat(MemberProcesses.parse(acquired).get("fencingToken").asLong()).isGreaterThan(oldToken);
            assertThat(newLeader).isNotEqualTo(leader);
        }
        finally {
            cluster.signal(leader, "CONT");
        }

        HttpResponse<String> late = cluster.send(member, "PUT", "/v1/kv/paused-resource",
                "{\"value\": \"late\", \"fence\": {\"lock\": \"paused-lock\", \"token\": " + oldToken + "}}");
        assertThat(late.statusCode()).as("the paused holder's fenced write").isEqualTo(409);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode view = cluster.getJson(leader, "/v1/cluster");
            return view != null && view.get("term").asLong() > oldTerm
                    && !String.valueOf(leader).equals(view.get("leader").asString());
        });
    }

    /** Collects the lines of a server-sent event stream. */
    private record LineCollector(
            java.util.concurrent.BlockingQueue<String> lines) implements java.util.concurrent.Flow.Subscriber<String> {

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            this.lines.add(line);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }

    }

}
