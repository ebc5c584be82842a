package dev.distsys.platform;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One supervised OS process whose stdout and stderr are appended to its log file.
 * Stopping it also stops its descendants: a child that forked helpers must not leave them
 * behind.
 */
final class ChildProcess {

    private final String name;

    private final Process process;

    private final Path logFile;

    private final int stopGroup;

    private volatile boolean stopRequested;

    private ChildProcess(String name, Process process, Path logFile, int stopGroup) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopGroup = stopGroup;
    }

    static ChildProcess start(String name, List<String> command, Path workingDir, Path logFile, int stopGroup)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile,
                "=== " + Instant.now() + " platform starts " + name + ": " + String.join(" ", command)
                        + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command).directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logFile.toFile()))
            .start();
        process.getOutputStream().close();
        return new ChildProcess(name, process, logFile, stopGroup);
    }

    String name() {
        return this.name;
    }

    Path logFile() {
        return this.logFile;
    }

    int stopGroup() {
        return this.stopGroup;
    }

    long pid() {
        return this.process.pid();
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    boolean isStopRequested() {
        return this.stopRequested;
    }

    ProcessHandle handle() {
        return this.process.toHandle();
    }

    Process process() {
        return this.process;
    }

    /**
     * Waits up to {@code timeoutMs} for the process to exit.
     * @return whether it has exited
     */
    boolean awaitExit(long timeoutMs) throws InterruptedException {
        try {
            this.process.onExit().get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        }
        catch (TimeoutException ex) {
            return false;
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("onExit of " + this.name + " failed", ex);
        }
    }

    /**
     * Asks the process and its descendants to stop (SIGTERM), remembering the
     * descendants, which are reparented once the process exits.
     * @return the process and its descendants at the time of the request
     */
    List<ProcessHandle> requestStop() {
        this.stopRequested = true;
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(this.process.toHandle());
        this.process.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        return tree;
    }

    @Override
    public String toString() {
        return this.name + " (pid " + pid() + ")";
    }

}
