package dev.distsys.shared.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module rules of ARCHITECTURE.md as ArchUnit rules, written once and applied by
 * every module's own {@code ArchitectureTests}. Each takes the root package so that the
 * rules themselves can be tested against fixtures that break them.
 */
public final class ArchitectureRules {

    /** The top-level packages of the deployable modules, relative to the root package. */
    static final List<String> MODULE_PACKAGES = List.of("order", "inventory", "payment", "shipping", "gateway",
            "coordination.server", "coordination.raft", "platform");

    private ArchitectureRules() {
    }

    /**
     * A service knows the others only through messages and HTTP: its code imports no
     * other module's code (shared-lib and the coordination client are libraries, not
     * modules of this list).
     * @param root the root package, {@code dev.distsys}
     * @param service the service's package relative to the root, e.g. {@code order}
     * @param alsoAllowed further module packages the service may use (the coordination
     * server embeds the Raft core)
     */
    public static ArchRule serviceIsIndependent(String root, String service, String... alsoAllowed) {
        Set<String> allowed = Set.copyOf(Stream.concat(Stream.of(service), Arrays.stream(alsoAllowed)).toList());
        String[] forbidden = MODULE_PACKAGES.stream()
            .filter((module) -> !allowed.contains(module))
            .map((module) -> root + "." + module + "..")
            .toArray(String[]::new);
        return noClasses().that()
            .resideInAPackage(root + "." + service + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(forbidden)
            .because("a service knows the others only through messages and HTTP (ARCHITECTURE.md)");
    }

    /** shared-lib is below every service and depends on none. */
    public static ArchRule sharedLibraryDependsOnNoModule(String root) {
        return noClasses().that()
            .resideInAPackage(root + ".shared..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    MODULE_PACKAGES.stream().map((module) -> root + "." + module + "..").toArray(String[]::new))
            .because("shared-lib depends on no service (ARCHITECTURE.md)");
    }

    /** The coordination client is written against the HTTP contract alone. */
    public static ArchRule coordinationClientKnowsOnlyTheContract(String root) {
        return noClasses().that()
            .resideInAPackage(root + ".coordination.client..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(root + ".coordination.raft..", root + ".coordination.server..")
            .because("coordination-service/client depends only on the HTTP contract (ARCHITECTURE.md)");
    }

}
