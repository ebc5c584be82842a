package dev.distsys.gateway.balancer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The algorithms alone, without Spring or sockets. */
class BalancerTests {

    private static final List<Candidate> three = List.of(Candidate.of("a"), Candidate.of("b"), Candidate.of("c"));

    @Test
    void shouldCycleExactlyWithRoundRobin() {
        RoundRobin balancer = new RoundRobin();
        List<String> picks = IntStream.range(0, 9).mapToObj((i) -> balancer.choose(three, null).id()).toList();
        assertThat(picks).containsExactly("a", "b", "c", "a", "b", "c", "a", "b", "c");
    }

    @Test
    void shouldSpreadPicksByWeightLikeNginx() {
        SmoothWeightedRoundRobin balancer = new SmoothWeightedRoundRobin();
        List<Candidate> weighted = List.of(new Candidate("a", 5), new Candidate("b", 1), new Candidate("c", 1));
        List<String> picks = IntStream.range(0, 7).mapToObj((i) -> balancer.choose(weighted, null).id()).toList();
        // nginx's documented sequence for weights 5, 1, 1.
        assertThat(picks).containsExactly("a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void shouldPickTheLeastLoadedAndBreakTiesAtRandom() {
        Map<String, Integer> inFlight = new HashMap<>(Map.of("a", 3, "b", 1, "c", 1));
        LeastConnections balancer = new LeastConnections(load(inFlight, Map.of()), new Random(1));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            counts.merge(balancer.choose(three, null).id(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey("a");
        assertThat(counts.get("b")).isBetween(400, 600);
    }

    @Test
    void shouldPreferTheLowerLatencyOfTwoRandomChoices() {
        Map<String, Double> latency = Map.of("a", 1e6, "b", 50e6, "c", 1e6);
        PowerOfTwoChoices balancer = new PowerOfTwoChoices(load(Map.of(), latency), new Random(1));
        for (int i = 0; i < 1000; i++) {
            assertThat(balancer.choose(three, null).id()).isNotEqualTo("b");
        }
    }

    @Test
    void shouldMoveAboutOneInNPlusOneKeysWhenAnInstanceJoins() {
        List<Candidate> four = List.of(Candidate.of("i1"), Candidate.of("i2"), Candidate.of("i3"), Candidate.of("i4"));
        List<Candidate> five = new ArrayList<>(four);
        five.add(Candidate.of("i5"));
        ConsistentHash before = new ConsistentHash(160, new RoundRobin());
        ConsistentHash after = new ConsistentHash(160, new RoundRobin());
        int keys = 10_000;
        int moved = 0;
        for (int k = 0; k < keys; k++) {
            String key = "customer-" + k;
            String was = before.choose(four, key).id();
            String is = after.choose(five, key).id();
            if (!was.equals(is)) {
                moved++;
                // A key only ever moves to the new instance.
                assertThat(is).isEqualTo("i5");
            }
        }
        // Expected 1/5 = 20% of the keys; stated tolerance ±5 points.
        assertThat(moved / (double) keys).isCloseTo(0.20, within(0.05));
    }

    @Test
    void shouldGiveEachInstanceAFairShareOfTheRing() {
        ConsistentHash balancer = new ConsistentHash(160, new RoundRobin());
        Map<String, Integer> counts = new HashMap<>();
        for (int k = 0; k < 30_000; k++) {
            counts.merge(balancer.choose(three, "key-" + k).id(), 1, Integer::sum);
        }
        // 1/3 each within ±5 points with 160 virtual nodes.
        assertThat(counts.values())
            .allSatisfy((count) -> assertThat(count / 30_000.0).isCloseTo(1 / 3.0, within(0.05)));
    }

    @Test
    void shouldFallBackWithoutAKey() {
        ConsistentHash balancer = new ConsistentHash(16, new RoundRobin());
        assertThat(balancer.choose(three, null).id()).isEqualTo("a");
        assertThat(balancer.choose(three, null).id()).isEqualTo("b");
    }

    @Test
    void shouldExtractHashKeysFromHeaderPathOrClient() {
        assertThat(HashKey.parse("header:X-Customer-Id").extract((name) -> "C-" + name, "/x", "demo"))
            .isEqualTo("C-X-Customer-Id");
        assertThat(HashKey.parse("path-segment:2").extract((name) -> null, "/api/orders/O-1/saga", null))
            .isEqualTo("O-1");
        assertThat(HashKey.parse("path-segment:9").extract((name) -> null, "/api/orders", null)).isNull();
        assertThat(HashKey.parse("client-id").extract((name) -> null, "/x", "demo")).isEqualTo("demo");
    }

    @Test
    void shouldDecayTheLatencyAverageOverTime() {
        LatencyEwma ewma = new LatencyEwma(1_000_000_000L);
        ewma.record(100, 0);
        assertThat(ewma.valueAt(0)).isEqualTo(100);
        ewma.record(0, 1_000_000_000L);
        assertThat(ewma.valueAt(1_000_000_000L)).isCloseTo(100 / Math.E, within(0.01));
        assertThat(ewma.valueAt(11_000_000_000L)).isLessThan(0.01);
    }

    private static InstanceLoad load(Map<String, Integer> inFlight, Map<String, Double> latency) {
        return new InstanceLoad() {

            @Override
            public int inFlight(String id) {
                return inFlight.getOrDefault(id, 0);
            }

            @Override
            public double latencyNanos(String id) {
                return latency.getOrDefault(id, 0.0);
            }

        };
    }

}
