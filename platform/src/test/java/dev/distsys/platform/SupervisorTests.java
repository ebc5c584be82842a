package dev.distsys.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class SupervisorTests {

    private final List<ChildExit> unexpectedExits = new CopyOnWriteArrayList<>();

    private final Supervisor supervisor = new Supervisor(this.unexpectedExits::add);

    @TempDir
    Path dir;

    @AfterEach
    void stopLeftovers() throws InterruptedException {
        this.supervisor.stopAll(Duration.ofSeconds(1));
    }

    @Test
    void shouldStopChildrenAndTheirDescendantsWithinTheDeadline() throws Exception {
        ChildProcess parent = start("parent", 1, "spawn");
        ChildProcess sibling = start("sibling", 0, "block");
        await().atMost(Duration.ofSeconds(20)).until(() -> parent.handle().descendants().count() == 1);
        List<ProcessHandle> all = new ArrayList<>(parent.handle().descendants().toList());
        all.add(parent.handle());
        all.add(sibling.handle());

        long startNanos = System.nanoTime();
        List<String> killed = this.supervisor.stopAll(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(5));
        assertThat(killed).isEmpty();
        assertThat(all).noneMatch(Processes::isRunning);
        assertThat(ProcessHandle.current().descendants()).noneMatch(Processes::isRunning);
        assertThat(this.unexpectedExits).isEmpty();
    }

    @Test
    void shouldKillAChildThatDoesNotStopWithinItsGracePeriod() throws Exception {
        ChildProcess stubborn = start("stubborn", 1, "ignore-term");
        awaitOutput(stubborn);

        long startNanos = System.nanoTime();
        List<String> killed = this.supervisor.stopAll(Duration.ofSeconds(1));

        assertThat(killed).containsExactly("stubborn");
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(4));
        assertThat(stubborn.isAlive()).isFalse();
    }

    @Test
    void shouldReportAChildThatExitsOnItsOwnWithItsExitCodeAndLog() throws Exception {
        ChildProcess dying = start("dying", 1, "exit", "3");

        await().atMost(Duration.ofSeconds(20)).until(() -> !this.unexpectedExits.isEmpty());

        assertThat(this.unexpectedExits).singleElement().satisfies((exit) -> {
            assertThat(exit.name()).isEqualTo("dying");
            assertThat(exit.pid()).isEqualTo(dying.pid());
            assertThat(exit.exitCode()).isEqualTo(3);
            assertThat(exit.logFile()).isEqualTo(this.dir.resolve("dying.log"));
            assertThat(exit.describe()).contains("dying", "code 3", exit.logFile().toString());
        });
        assertThat(Files.readString(dying.logFile())).contains("platform starts dying", "test child");
    }

    @Test
    void shouldNotReportChildrenItStopped() throws Exception {
        ChildProcess child = start("calm", 1, "block");
        awaitOutput(child);

        this.supervisor.stopAll(Duration.ofSeconds(5));

        assertThat(child.process().onExit()).succeedsWithin(Duration.ofSeconds(1));
        assertThat(this.unexpectedExits).isEmpty();
    }

    @Test
    void shouldRefuseToStartChildrenOnceStopping() throws Exception {
        this.supervisor.stopAll(Duration.ofSeconds(1));

        assertThatIllegalStateException().isThrownBy(() -> start("late", 1, "block")).withMessageContaining("late");
    }

    private ChildProcess start(String name, int stopGroup, String... args) throws Exception {
        return this.supervisor.start(name, TestChild.command(args), this.dir, this.dir.resolve(name + ".log"),
                stopGroup);
    }

    /**
     * The child has started its main method (and so installed its shutdown hook, if any).
     */
    private static void awaitOutput(ChildProcess child) {
        await().atMost(Duration.ofSeconds(20))
            .until(() -> Files.readString(child.logFile()).contains("test child " + child.pid() + " ready"));
    }

}
