package dev.distsys.platform;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The runner's configuration, from {@code --key=value} arguments, then environment
 * variables, then defaults. Immutable and validated: {@link #parse} either returns a
 * usable config or throws a {@link ConfigException} that names every problem.
 *
 * @param checkoutDir the repository checkout whose module jars are launched
 * @param dataDir where PostgreSQL, Kafka, the coordination members and the logs keep
 * their data; survives restarts
 * @param readyTimeout how long one component may take to become ready
 * @param stopGracePeriod how long children get to stop after SIGTERM before they are
 * killed
 * @param childJvmOptions JVM options of every service JVM
 * @param onChildExit what to do when a child dies after the platform is ready
 */
record PlatformConfig(Path checkoutDir, Path dataDir, Duration readyTimeout, Duration stopGracePeriod,
        List<String> childJvmOptions, OnChildExit onChildExit) {

    static final String DATA_DIR_ENV = "PLATFORM_DATA_DIR";

    static final String CHILD_JVM_OPTIONS_ENV = "PLATFORM_CHILD_JVM_OPTIONS";

    /**
     * Twelve JVMs share 2 cores and 24 GiB here. A 384 MiB heap is ample for a service
     * under local load and keeps the total far below memory; the serial collector avoids
     * G1's extra threads and footprint; C1 only (TieredStopAtLevel=1) cut the gateway's
     * start-up CPU from ~10 s to ~6 s here, and start-up CPU is what the time to ready is
     * made of on 2 cores. For throughput benchmarks drop TieredStopAtLevel so that C2
     * compiles the hot paths.
     */
    static final List<String> DEFAULT_CHILD_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

    static final Duration DEFAULT_STOP_GRACE_PERIOD = Duration.ofSeconds(10);

    static final String HELP = """
            Usage: ./mvnw -pl platform -am -DskipTests package spring-boot:run [-Dspring-boot.run.arguments="OPTIONS"]
                   java -jar platform/target/platform-<version>.jar [OPTIONS]

            Starts PostgreSQL, a Kafka broker, three coordination members, every service and the gateway
            on http://127.0.0.1:8080, each its own process. Ctrl-C stops them all.

            Options (an option beats its environment variable):
              --data-dir=DIR                 data and logs; default .platform in the checkout   [PLATFORM_DATA_DIR]
              --ready-timeout-seconds=N      per component start-up limit, 1-600; default 120
              --stop-timeout-seconds=N       grace period before children are killed, 1-12; default 10
              --child-jvm-options="OPTS"     service JVM options; default "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                                                                                                [PLATFORM_CHILD_JVM_OPTIONS]
              --on-child-exit=continue|stop  after start-up, a dying child is reported; stop also stops the platform
              --help                         this text
            """;

    PlatformConfig {
        childJvmOptions = List.copyOf(childJvmOptions);
    }

    /**
     * Parses and validates.
     * @param args the command line, {@code --key=value} each
     * @param env the environment
     * @param checkoutDir the checkout root; relative data dirs resolve against it
     * @return the config
     * @throws ConfigException naming every problem
     */
    static PlatformConfig parse(String[] args, Map<String, String> env, Path checkoutDir) {
        List<String> problems = new ArrayList<>();
        Map<String, String> options = options(args, problems);
        Path dataDir = dataDir(options.getOrDefault("data-dir", env.get(DATA_DIR_ENV)), checkoutDir, problems);
        Duration readyTimeout = seconds(options, "ready-timeout-seconds", DEFAULT_READY_TIMEOUT, 1, 600, problems);
        // 12 s of grace leaves room for PostgreSQL's fast shutdown within the promised 15
        // s.
        Duration stopGrace = seconds(options, "stop-timeout-seconds", DEFAULT_STOP_GRACE_PERIOD, 1, 12, problems);
        List<String> jvmOptions = jvmOptions(options.getOrDefault("child-jvm-options", env.get(CHILD_JVM_OPTIONS_ENV)),
                problems);
        OnChildExit onChildExit = onChildExit(options.get("on-child-exit"), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PlatformConfig(checkoutDir, dataDir, readyTimeout, stopGrace, jvmOptions, onChildExit);
    }

    static boolean isHelpRequested(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    Path logsDir() {
        return this.dataDir.resolve("logs");
    }

    private static Map<String, String> options(String[] args, List<String> problems) {
        List<String> known = List.of("data-dir", "ready-timeout-seconds", "stop-timeout-seconds", "child-jvm-options",
                "on-child-exit");
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                problems.add("'" + arg + "' is not of the form --option=value");
                continue;
            }
            String key = arg.substring(2, equals);
            if (!known.contains(key)) {
                problems.add("unknown option --" + key + " (known: --" + String.join(", --", known) + ")");
            }
            else if (options.putIfAbsent(key, arg.substring(equals + 1)) != null) {
                problems.add("--" + key + " is given more than once");
            }
        }
        return options;
    }

    private static Path dataDir(String value, Path checkoutDir, List<String> problems) {
        if (value == null) {
            return checkoutDir.resolve(".platform").normalize();
        }
        if (value.isBlank()) {
            problems.add("the data dir (--data-dir or " + DATA_DIR_ENV + ") is empty: give a directory");
            return null;
        }
        try {
            Path dir = checkoutDir.resolve(value).toAbsolutePath().normalize();
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                problems
                    .add("the data dir " + dir + " is a file: give a directory (--data-dir or " + DATA_DIR_ENV + ")");
            }
            return dir;
        }
        catch (InvalidPathException ex) {
            problems.add("the data dir '" + value + "' is not a valid path: " + ex.getReason());
            return null;
        }
    }

    private static Duration seconds(Map<String, String> options, String key, Duration fallback, int min, int max,
            List<String> problems) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds >= min && seconds <= max) {
                return Duration.ofSeconds(seconds);
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        problems.add("--" + key + "=" + value + " must be a whole number of seconds from " + min + " to " + max);
        return fallback;
    }

    private static List<String> jvmOptions(String value, List<String> problems) {
        if (value == null) {
            return DEFAULT_CHILD_JVM_OPTIONS;
        }
        if (value.isBlank()) {
            return List.of();
        }
        List<String> options = List.of(value.strip().split("\\s+"));
        for (String option : options) {
            if (!option.startsWith("-") || option.equals("-jar") || option.equals("-cp")) {
                problems.add("child JVM option '" + option
                        + "' is not a JVM flag (each must start with '-'; -jar and -cp are the runner's)");
            }
        }
        return options;
    }

    private static OnChildExit onChildExit(String value, List<String> problems) {
        if (value == null) {
            return OnChildExit.CONTINUE;
        }
        try {
            return OnChildExit.valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            problems.add("--on-child-exit=" + value + " must be 'continue' or 'stop'");
            return OnChildExit.CONTINUE;
        }
    }

}
