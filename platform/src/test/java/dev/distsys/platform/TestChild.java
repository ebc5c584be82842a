package dev.distsys.platform;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A child process for supervision tests. Modes: {@code block} waits forever;
 * {@code exit N} exits with status N; {@code ignore-term} waits forever and also delays
 * its shutdown forever, so only SIGKILL ends it; {@code spawn} starts a blocking
 * grandchild, then waits forever.
 */
final class TestChild {

    private TestChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "exit" -> {
                System.out.println("test child exits with " + args[1]);
                System.exit(Integer.parseInt(args[1]));
            }
            case "ignore-term" -> Runtime.getRuntime().addShutdownHook(new Thread(TestChild::blockForever));
            case "spawn" -> new ProcessBuilder(command("block")).inheritIO().start();
            case "block" -> {
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("test child " + ProcessHandle.current().pid() + " ready: " + String.join(" ", args));
        blockForever();
    }

    static List<String> command(String... args) {
        return JavaRuntime.ofCurrentProcess()
            .mainClassCommand(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                    TestChild.class.getName(), List.of(args));
    }

    private static void blockForever() {
        try {
            new CountDownLatch(1).await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
