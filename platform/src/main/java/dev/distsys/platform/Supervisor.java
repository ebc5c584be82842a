package dev.distsys.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts child processes and stops them all, group by group, within a bounded time. A
 * child that exits without having been asked to is reported to the listener, never
 * ignored.
 */
final class Supervisor {

    private static final Logger logger = LoggerFactory.getLogger(Supervisor.class);

    /** Time left after the grace period for SIGKILL to take effect and be observed. */
    private static final long KILL_WAIT_MS = 2_000;

    private final Consumer<ChildExit> onUnexpectedExit;

    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();

    private boolean stopping;

    Supervisor(Consumer<ChildExit> onUnexpectedExit) {
        this.onUnexpectedExit = onUnexpectedExit;
    }

    /**
     * Starts a child. Children with a higher {@code stopGroup} are stopped first.
     * @throws IllegalStateException once {@link #stopAll} has begun
     */
    synchronized ChildProcess start(String name, List<String> command, Path workingDir, Path logFile, int stopGroup)
            throws IOException {
        if (this.stopping) {
            throw new IllegalStateException("The platform is stopping; " + name + " is not started");
        }
        ChildProcess child = ChildProcess.start(name, command, workingDir, logFile, stopGroup);
        this.children.add(child);
        child.process().onExit().thenAccept((process) -> {
            // Once stopping, every exit is expected: Ctrl-C reaches the whole process
            // group,
            // so children may exit on their own SIGINT before they are asked to.
            if (!child.isStopRequested() && !isStopping()) {
                this.onUnexpectedExit.accept(new ChildExit(name, process.pid(), process.exitValue(), logFile));
            }
        });
        return child;
    }

    synchronized boolean isStopping() {
        return this.stopping;
    }

    List<ChildProcess> children() {
        return List.copyOf(this.children);
    }

    /**
     * Stops every child: each stop group in turn (highest first) gets SIGTERM and a share
     * of the grace period; whatever survives its share, descendants included, is killed.
     * @param gracePeriod the total time for graceful stops
     * @return the names of the children that had to be killed
     */
    List<String> stopAll(Duration gracePeriod) throws InterruptedException {
        synchronized (this) {
            this.stopping = true;
        }
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        List<Integer> groups = this.children.stream()
            .map(ChildProcess::stopGroup)
            .distinct()
            .sorted(Comparator.reverseOrder())
            .toList();
        List<String> killed = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            int group = groups.get(i);
            long remainingNanos = Math.max(0, deadline - System.nanoTime());
            long groupDeadline = System.nanoTime() + remainingNanos / (groups.size() - i);
            killed.addAll(stopGroup(this.children.stream().filter((child) -> child.stopGroup() == group).toList(),
                    groupDeadline));
        }
        return killed;
    }

    private List<String> stopGroup(List<ChildProcess> group, long deadlineNanos) throws InterruptedException {
        List<ProcessHandle> trees = new ArrayList<>();
        for (ChildProcess child : group) {
            trees.addAll(child.requestStop());
        }
        List<String> killed = new ArrayList<>();
        for (ChildProcess child : group) {
            long waitMs = Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
            if (!child.awaitExit(waitMs)) {
                logger.warn("{} did not stop within its grace period: killing it", child);
                killed.add(child.name());
            }
        }
        // Descendants may outlive their parent (reparented to init), so every member of
        // every
        // tree is checked, not only the direct children.
        for (ProcessHandle handle : trees) {
            if (Processes.isRunning(handle)) {
                handle.destroyForcibly();
            }
        }
        for (ChildProcess child : group) {
            // Direct children are also reaped, so that their Process reports the exit.
            child.awaitExit(KILL_WAIT_MS);
        }
        for (ProcessHandle handle : trees) {
            awaitDeath(handle);
        }
        return killed;
    }

    static void awaitDeath(ProcessHandle handle) throws InterruptedException {
        if (!Processes.awaitStopped(handle, KILL_WAIT_MS)) {
            logger.error("Process {} survived SIGKILL for {} ms", handle.pid(), KILL_WAIT_MS);
        }
    }

}
