package dev.distsys.coordination.raft.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Wing &amp; Gong's linearizability search with Lowe's memoization of (linearized set,
 * state), as in Porcupine and Knossos, over a key-value register model. Keys are
 * independent objects, so each key's sub-history is checked alone (Herlihy &amp; Wing's
 * locality; Porcupine's partitioning).
 */
final class LinearizabilityChecker {

    /**
     * Bound on search steps per key, so a pathological history fails loudly instead of
     * hanging.
     */
    private static final long MAX_STEPS = 5_000_000;

    record Verdict(boolean linearizable, String key, List<Operation> operations) {
    }

    private record Frame(int callNode, String state) {
    }

    private record Seen(BitSet linearized, String state) {
    }

    private LinearizabilityChecker() {
    }

    static Verdict check(List<Operation> history) {
        Map<String, List<Operation>> byKey = new TreeMap<>();
        for (Operation op : history) {
            if (op.kind() == KvCommand.Kind.GET && !op.completed()) {
                continue;
            }
            byKey.computeIfAbsent(op.key(), (k) -> new ArrayList<>()).add(op);
        }
        for (Map.Entry<String, List<Operation>> e : byKey.entrySet()) {
            if (!checkKey(e.getValue())) {
                return new Verdict(false, e.getKey(), e.getValue());
            }
        }
        return new Verdict(true, null, List.of());
    }

    static boolean checkKey(List<Operation> ops) {
        int n = ops.size();
        int head = 2 * n;
        Integer[] order = new Integer[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            order[i] = i;
        }
        // Node 2i is the call of ops[i], 2i+1 its return; calls sort before returns at
        // equal times.
        java.util.Arrays.sort(order,
                Comparator.<Integer>comparingLong((node) -> time(ops, node)).thenComparingInt((node) -> node % 2));
        int[] next = new int[2 * n + 1];
        int[] prev = new int[2 * n + 1];
        int last = head;
        for (int node : order) {
            next[last] = node;
            prev[node] = last;
            last = node;
        }
        next[last] = -1;
        BitSet linearized = new BitSet(n);
        Set<Seen> cache = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        String state = null;
        int node = next[head];
        long steps = 0;
        while (next[head] != -1) {
            if (++steps > MAX_STEPS) {
                throw new IllegalStateException("linearizability search exceeded " + MAX_STEPS + " steps");
            }
            if (node % 2 == 0) {
                Operation op = ops.get(node / 2);
                String[] after = step(state, op);
                if (after != null) {
                    BitSet candidate = (BitSet) linearized.clone();
                    candidate.set(node / 2);
                    if (cache.add(new Seen(candidate, after[0]))) {
                        stack.push(new Frame(node, state));
                        state = after[0];
                        linearized = candidate;
                        lift(node, next, prev);
                        node = next[head];
                        continue;
                    }
                }
                node = next[node];
            }
            else {
                if (stack.isEmpty()) {
                    return false;
                }
                Frame frame = stack.pop();
                linearized.clear(frame.callNode() / 2);
                state = frame.state();
                unlift(frame.callNode(), next, prev);
                node = next[frame.callNode()];
            }
        }
        return true;
    }

    private static long time(List<Operation> ops, int node) {
        Operation op = ops.get(node / 2);
        return (node % 2 == 0) ? op.call() : op.ret();
    }

    /**
     * @return the state after {@code op} as a one-element array, or null if its output is
     * impossible
     */
    private static String[] step(String state, Operation op) {
        return switch (op.kind()) {
            case PUT -> new String[] { op.value() };
            case GET -> Objects.equals(state, op.output()) ? new String[] { state } : null;
            case CAS -> {
                boolean matches = Objects.equals(state, op.expected());
                if (op.output() != null && Boolean.parseBoolean(op.output()) != matches) {
                    yield null;
                }
                yield new String[] { matches ? op.value() : state };
            }
        };
    }

    private static void lift(int call, int[] next, int[] prev) {
        next[prev[call]] = next[call];
        if (next[call] != -1) {
            prev[next[call]] = prev[call];
        }
        int ret = call + 1;
        next[prev[ret]] = next[ret];
        if (next[ret] != -1) {
            prev[next[ret]] = prev[ret];
        }
    }

    private static void unlift(int call, int[] next, int[] prev) {
        int ret = call + 1;
        if (next[ret] != -1) {
            prev[next[ret]] = ret;
        }
        next[prev[ret]] = ret;
        if (next[call] != -1) {
            prev[next[call]] = call;
        }
        next[prev[call]] = call;
    }

}
