package dev.distsys.shared.identity;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class ServiceIdentityTests {

    @Test
    void shouldRefuseToStartWithABlankInstanceIdAndSayWhatToSet() {
        assertThatException()
            .isThrownBy(() -> start("--platform.service.name=order-service", "--platform.service.instance-id= "))
            .havingRootCause()
            .satisfies((cause) -> assertThat(cause.getMessage()).contains("platform.service.instance-id"));
    }

    @Test
    void shouldRefuseAnInstanceIdOutsideTheContractSyntax() {
        assertThatException().isThrownBy(
                () -> start("--platform.service.name=order-service", "--platform.service.instance-id=order service #1"))
            .havingRootCause()
            .satisfies((cause) -> assertThat(cause.getMessage()).contains("platform.service.instance-id")
                .contains("[A-Za-z0-9._:-]"));
    }

    @Test
    void shouldNameServiceAndInstanceInServedBy() {
        try (ConfigurableApplicationContext context = start("--platform.service.name=order-service",
                "--platform.service.instance-id=order-service-2")) {
            assertThat(context.getBean(ServiceIdentityProperties.class).servedBy())
                .isEqualTo("order-service/order-service-2");
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
            .properties("spring.autoconfigure.exclude="
                    + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                    + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
            .run(args);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

    }

}
