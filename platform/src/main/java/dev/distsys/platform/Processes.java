package dev.distsys.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Process facts the JDK does not give. */
final class Processes {

    private Processes() {
    }

    /**
     * Whether the process still runs. A zombie does not: it has exited and only waits for
     * its parent (init, for a reparented PostgreSQL) to reap it, yet the JDK reports it
     * alive.
     */
    static boolean isRunning(ProcessHandle handle) {
        return handle.isAlive() && !isZombie(handle.pid());
    }

    /**
     * Waits up to {@code timeoutMs} for the process to stop running.
     * @return whether it stopped
     */
    static boolean awaitStopped(ProcessHandle handle, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (isRunning(handle)) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMs <= 0) {
                return false;
            }
            try {
                handle.onExit().get(Math.min(leftMs, 100), TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException ex) {
                // poll the zombie state again
            }
            catch (ExecutionException ex) {
                throw new IllegalStateException("Waiting for process " + handle.pid() + " failed", ex);
            }
        }
        return true;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) STATE ...: comm may contain spaces and parentheses, so read
            // after the last ')'.
            int end = stat.lastIndexOf(')');
            return end > 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'Z';
        }
        catch (IOException | RuntimeException ex) {
            return false;
        }
    }

}
