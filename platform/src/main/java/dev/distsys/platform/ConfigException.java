package dev.distsys.platform;

import java.util.List;

/**
 * The runner's configuration cannot be used; the message lists every problem and how to
 * fix it.
 */
final class ConfigException extends RuntimeException {

    private final List<String> problems;

    ConfigException(List<String> problems) {
        super("Invalid platform configuration:\n  - " + String.join("\n  - ", problems)
                + "\nRun with --help for the options.");
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return this.problems;
    }

}
