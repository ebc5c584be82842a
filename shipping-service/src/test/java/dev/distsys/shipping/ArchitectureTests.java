package dev.distsys.shipping;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.distsys.shared.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md, as they apply to shipping-service. */
class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.distsys.shipping");

    @Test
    void shouldKnowOtherServicesOnlyThroughMessagesAndHttp() {
        ArchitectureRules.serviceIsIndependent("dev.distsys", "shipping").check(this.classes);
    }

}
