package dev.distsys.shared.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TestInfrastructureModeTests {

    private String previous;

    @BeforeEach
    void rememberProperty() {
        this.previous = System.getProperty(TestInfrastructure.MODE_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (this.previous == null) {
            System.clearProperty(TestInfrastructure.MODE_PROPERTY);
        }
        else {
            System.setProperty(TestInfrastructure.MODE_PROPERTY, this.previous);
        }
    }

    @Test
    void shouldHonourAnExplicitChoice() {
        System.setProperty(TestInfrastructure.MODE_PROPERTY, " Embedded ");
        assertThat(TestInfrastructure.chooseMode()).isEqualTo(TestInfrastructure.Mode.EMBEDDED);
    }

    @Test
    void shouldRefuseAnUnknownChoiceNamingTheValidOnes() {
        System.setProperty(TestInfrastructure.MODE_PROPERTY, "podman");
        assertThatIllegalArgumentException().isThrownBy(TestInfrastructure::chooseMode)
            .withMessageContaining("podman")
            .withMessageContaining("auto, docker, embedded");
    }

}
