package dev.distsys.platform.bench;

import java.io.PrintStream;

/** A one-line progress bar, redrawn at most four times a second. */
final class Progress {

    private static final int WIDTH = 40;

    private final int total;

    private final PrintStream out;

    private final long started = System.nanoTime();

    private long lastDrawn;

    Progress(int total, PrintStream out) {
        this.total = total;
        this.out = out;
    }

    synchronized void show(int placed, int finished) {
        long now = System.nanoTime();
        if (now - this.lastDrawn < 250_000_000L && finished < this.total) {
            return;
        }
        this.lastDrawn = now;
        int filled = (int) ((long) WIDTH * finished / this.total);
        double seconds = (now - this.started) / 1e9;
        this.out.printf("\r[%s%s] %d/%d final, %d placed, %.0f final/s  ", "#".repeat(filled),
                ".".repeat(WIDTH - filled), finished, this.total, placed, finished / Math.max(seconds, 1e-9));
        this.out.flush();
    }

}
