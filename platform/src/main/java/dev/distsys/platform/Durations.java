package dev.distsys.platform;

import java.util.Locale;

/** Formatting for the runner's console lines. */
final class Durations {

    private static final int NAME_WIDTH = 22;

    private Durations() {
    }

    /**
     * Seconds since {@code startNanos} ({@link System#nanoTime}), e.g. {@code 41.2 s}.
     */
    static String since(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    static String pad(String name) {
        return String.format(Locale.ROOT, "%-" + NAME_WIDTH + "s", name);
    }

}
