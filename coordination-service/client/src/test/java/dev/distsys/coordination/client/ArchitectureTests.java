package dev.distsys.coordination.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.distsys.shared.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.distsys.coordination.client");

    @Test
    void shouldKnowOnlyTheHttpContract() {
        ArchitectureRules.coordinationClientKnowsOnlyTheContract("dev.distsys").check(this.classes);
    }

}
