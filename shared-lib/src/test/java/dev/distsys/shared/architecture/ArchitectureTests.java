package dev.distsys.shared.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.distsys.shared.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** shared-lib obeys the module rules, and the rules fail on code that breaks them. */
class ArchitectureTests {

    @Test
    void shouldKeepSharedLibFreeOfServiceCode() {
        JavaClasses sharedLib = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.distsys.shared");
        ArchitectureRules.sharedLibraryDependsOnNoModule("dev.distsys").check(sharedLib);
    }

    @Test
    void shouldFailWhenOneServiceImportsAnother() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("dev.distsys.archfixture");
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(
                    () -> ArchitectureRules.serviceIsIndependent("dev.distsys.archfixture", "order").check(fixtures))
            .withMessageContaining("FixtureOrder")
            .withMessageContaining("FixtureStock");
    }

    @Test
    void shouldAllowWhatAServiceIsExplicitlyGranted() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("dev.distsys.archfixture");
        ArchitectureRules.serviceIsIndependent("dev.distsys.archfixture", "order", "inventory").check(fixtures);
    }

    @Test
    void shouldFailWhenSharedCodeImportsAService() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("dev.distsys.archfixture");
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(
                    () -> ArchitectureRules.sharedLibraryDependsOnNoModule("dev.distsys.archfixture").check(fixtures))
            .withMessageContaining("FixtureHelper");
    }

}
