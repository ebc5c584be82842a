package dev.distsys.platform.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** p50/p95/p99/max of latencies in nanoseconds, printed in milliseconds. */
final class Percentiles {

    private Percentiles() {
    }

    static String of(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "no completed orders";
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", at(sorted, 0.50), at(sorted, 0.95),
                at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

}
