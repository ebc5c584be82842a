package dev.distsys.platform;

import java.nio.file.Path;

/**
 * A child process ended without being asked to.
 *
 * @param name the child's name
 * @param pid its process id
 * @param exitCode its exit status
 * @param logFile where its output went
 */
record ChildExit(String name, long pid, int exitCode, Path logFile) {

    String describe() {
        return this.name + " (pid " + this.pid + ") exited unexpectedly with code " + this.exitCode + "; see "
                + this.logFile;
    }

}
