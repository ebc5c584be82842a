package dev.distsys.gateway.balancer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Consistent hashing over a ring with virtual nodes: each candidate owns
 * {@code virtualNodes × weight} points on a 64-bit ring and a key goes to the owner of
 * the first point at or after its hash. Adding one candidate to n moves about 1/(n+1) of
 * the keys, all of them to the new candidate. A request without a key falls back to
 * another algorithm.
 */
public final class ConsistentHash implements Balancer {

    private final int virtualNodes;

    private final Balancer withoutKey;

    private volatile Ring ring = new Ring(List.of(), new long[0], new Candidate[0]);

    public ConsistentHash(int virtualNodes, Balancer withoutKey) {
        if (virtualNodes < 1 || virtualNodes > 10_000) {
            throw new IllegalArgumentException("virtualNodes must be 1..10000, was " + virtualNodes);
        }
        this.virtualNodes = virtualNodes;
        this.withoutKey = Objects.requireNonNull(withoutKey, "withoutKey");
    }

    @Override
    public Candidate choose(List<Candidate> candidates, String key) {
        if (key == null) {
            return this.withoutKey.choose(candidates, null);
        }
        Ring current = this.ring;
        if (!current.candidates.equals(candidates)) {
            current = Ring.of(List.copyOf(candidates), this.virtualNodes);
            this.ring = current;
        }
        return current.owner(hash(key));
    }

    /** 64-bit FNV-1a followed by MurmurHash3's finaliser, for a well-spread ring. */
    static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private record Ring(List<Candidate> candidates, long[] points, Candidate[] owners) {

        static Ring of(List<Candidate> candidates, int virtualNodes) {
            Map<Long, Candidate> byPoint = new java.util.TreeMap<>();
            for (Candidate candidate : candidates) {
                int nodes = virtualNodes * candidate.weight();
                for (int i = 0; i < nodes; i++) {
                    // On a (vanishingly rare) collision the smaller id wins, so the ring
                    // does not depend on the order of the candidates.
                    byPoint.merge(hash(candidate.id() + "#" + i), candidate,
                            (a, b) -> (a.id().compareTo(b.id()) <= 0) ? a : b);
                }
            }
            long[] points = byPoint.keySet().stream().mapToLong(Long::longValue).toArray();
            Candidate[] owners = byPoint.values().toArray(Candidate[]::new);
            return new Ring(candidates, points, owners);
        }

        Candidate owner(long hash) {
            int index = Arrays.binarySearch(this.points, hash);
            if (index < 0) {
                index = -index - 1;
            }
            return this.owners[(index == this.points.length) ? 0 : index];
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return this.candidates.stream().map(Candidate::id).collect(Collectors.joining(",", "Ring[", "]"));
        }

    }

}
