package dev.distsys.coordination.raft.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Raft core is a pure state machine (ARCHITECTURE.md): no framework, no I/O, no
 * threads, no wall clock, no unseeded randomness. The codec is held to the same rules.
 * Storage may do I/O.
 */
class CorePurityTests {

    private static final String[] CORE = { "dev.distsys.coordination.raft", "dev.distsys.coordination.raft.internal",
            "dev.distsys.coordination.raft.codec" };

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.distsys.coordination.raft");

    @Test
    void shouldKeepFrameworksNetworkAndFilesOutOfTheCore() {
        ArchRule rule = noClasses().that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "java.net..", "java.nio.file..", "java.nio.channels..",
                    "dev.distsys.coordination.raft.storage..")
            .orShould()
            .dependOnClassesThat()
            .haveNameMatching("java\\.io\\.(File.*|RandomAccessFile)")
            .because("the driver does the I/O; the core only says what to persist and send");
        rule.check(CLASSES);
    }

    @Test
    void shouldKeepThreadsOutOfTheCore() {
        ArchRule rule = noClasses().that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.util.concurrent..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName(Thread.class.getName())
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.Runnable")
            .because("the core is single-threaded and driven by tick() and step()");
        rule.check(CLASSES);
    }

    @Test
    void shouldKeepWallClockOutOfTheCore() {
        ArchRule rule = noClasses().that()
            .resideInAnyPackage(CORE)
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("java.time..")
            .because("time is counted in ticks given by the driver, so the simulator controls it");
        rule.check(CLASSES);
    }

    @Test
    void shouldKeepUnseededRandomnessOutOfTheCore() {
        ArchRule rule = noClasses().that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.util.Random")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.util.SplittableRandom")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.security.SecureRandom")
            .orShould()
            .callMethod(Math.class, "random")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.util.UUID")
            .because("randomness comes from the caller's seeded RandomSource, so runs replay exactly");
        rule.check(CLASSES);
    }

}
