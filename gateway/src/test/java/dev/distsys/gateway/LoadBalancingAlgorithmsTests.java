package dev.distsys.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.distsys.gateway.support.GatewayIntegrationTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each algorithm's measured distribution over real backends, through the gateway. */
class LoadBalancingAlgorithmsTests extends GatewayIntegrationTests {

    private String token;

    @BeforeEach
    void authenticate() throws Exception {
        this.token = token("admin", "admin-secret");
    }

    @Test
    void shouldCycleThroughTheInstancesExactlyWithRoundRobin() {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = get("/api/rr/item", this.token);
            assertThat(response.statusCode()).isEqualTo(200);
            order.add(servedBy(response));
        }
        assertThat(order.subList(0, 3)).doesNotHaveDuplicates();
        for (int i = 3; i < order.size(); i++) {
            assertThat(order.get(i)).as("pick %d repeats pick %d", i, i - 3).isEqualTo(order.get(i - 3));
        }
        assertThat(counts(order)).containsOnly(Map.entry("rr-service-1", 10), Map.entry("rr-service-2", 10),
                Map.entry("rr-service-3", 10));
    }

    @Test
    void shouldSplitByWeightWithSmoothWeightedRoundRobin() {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            order.add(servedBy(get("/api/wrr/item", this.token)));
        }
        // Weights 5:3:1 over 10 cycles of 9: 50/30/10, exact over whole cycles; stated
        // tolerance ±2 for a start that is not at a cycle boundary. Smooth: the heaviest
        // instance never serves more than 2 requests in a row.
        Map<String, Integer> counts = counts(order);
        assertThat(counts.get("wrr-service-1")).isBetween(48, 52);
        assertThat(counts.get("wrr-service-2")).isBetween(28, 32);
        assertThat(counts.get("wrr-service-3")).isBetween(9, 11);
        int run = 0;
        int longest = 0;
        for (String pick : order) {
            run = pick.equals("wrr-service-1") ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        assertThat(longest).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldSteerAwayFromASlowInstanceWithLeastConnections() {
        backend("lc-service", 1).delayMs = 300;
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        AtomicInteger left = new AtomicInteger(60);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int worker = 0; worker < 4; worker++) {
            workers.add(loop(left, counts));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        int slow = counts.getOrDefault("lc-service-1", 0);
        int fast = counts.getOrDefault("lc-service-2", 0);
        assertThat(slow + fast).isEqualTo(60);
        // Four clients in a closed loop: the slow instance holds a request for 300 ms
        // while
        // the fast one answers at once, so it should get far less than half.
        assertThat(slow).isLessThanOrEqualTo(12);
    }

    private CompletableFuture<Void> loop(AtomicInteger left, Map<String, Integer> counts) {
        if (left.getAndDecrement() <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = request("/api/lc/item", this.token).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose((response) -> {
            counts.merge(servedBy(response), 1, Integer::sum);
            return loop(left, counts);
        });
    }

    @Test
    void shouldKeepEachKeyOnOneInstanceWithConsistentHashing() {
        awaitAllInstances("/api/ch/warm-up", this.token, 4);
        Map<String, String> first = new HashMap<>();
        for (int key = 0; key < 200; key++) {
            first.put("C-" + key,
                    servedBy(send(request("/api/ch/item", this.token).header("X-Customer-Id", "C-" + key))));
        }
        for (int key = 0; key < 200; key++) {
            String again = servedBy(send(request("/api/ch/other", this.token).header("X-Customer-Id", "C-" + key)));
            assertThat(again).as("key C-%d", key).isEqualTo(first.get("C-" + key));
        }
        // 200 keys on 4 instances with 160 virtual nodes each: every instance owns a
        // share
        // (expected 50; at least 20 allowed).
        assertThat(counts(new ArrayList<>(first.values()))).hasSize(4)
            .allSatisfy((instance, keys) -> assertThat(keys).isGreaterThanOrEqualTo(20));
    }

    @Test
    void shouldPreferTheFasterInstancesWithPowerOfTwoChoices() {
        backend("p2c-service", 2).delayMs = 100;
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            order.add(servedBy(get("/api/p2c/item", this.token)));
        }
        Map<String, Integer> counts = counts(order);
        // Once measured, the slow instance loses every comparison against a fast one.
        assertThat(counts.getOrDefault("p2c-service-2", 0)).isLessThanOrEqualTo(6);
        assertThat(counts.get("p2c-service-1")).isGreaterThanOrEqualTo(15);
        assertThat(counts.get("p2c-service-3")).isGreaterThanOrEqualTo(15);
    }

    private static Map<String, Integer> counts(List<String> picks) {
        Map<String, Integer> counts = new HashMap<>();
        picks.forEach((pick) -> counts.merge(pick, 1, Integer::sum));
        return counts;
    }

}
