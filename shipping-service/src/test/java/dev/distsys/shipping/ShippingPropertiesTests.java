package dev.distsys.shipping;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** shipping.* binds with its defaults and refuses, at start-up, what cannot work. */
class ShippingPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void shouldBindCarriersWithTheDefaults() {
        this.runner.withPropertyValues("shipping.carriers=parcel-north,parcel-south").run((context) -> {
            ShippingProperties properties = context.getBean(ShippingProperties.class);
            assertThat(properties.carriers()).containsExactly("parcel-north", "parcel-south");
            assertThat(properties.dispatchDelay()).hasSeconds(30);
            assertThat(properties.dispatchInterval()).hasSeconds(1);
            assertThat(properties.dispatchBatchSize()).isEqualTo(100);
            assertThat(properties.virtualNodes()).isEqualTo(64);
        });
    }

    @Test
    void shouldRefuseToStartWithoutCarriers() {
        assertStartupFailure("carriers", "shipping.dispatch-delay=1s");
    }

    @Test
    void shouldRefuseACarrierNamedTwiceOrNamedBadly() {
        assertStartupFailure("twice", "shipping.carriers=parcel-north,parcel-north");
        assertStartupFailure("carriers[1]", "shipping.carriers=parcel-north,parcel north");
    }

    @Test
    void shouldRefuseANegativeDelayAZeroIntervalAndAnUnboundedBatch() {
        assertStartupFailure("dispatch-delay", "shipping.carriers=a", "shipping.dispatch-delay=-1s");
        assertStartupFailure("dispatch-interval", "shipping.carriers=a", "shipping.dispatch-interval=0s");
        assertStartupFailure("dispatchBatchSize", "shipping.carriers=a", "shipping.dispatch-batch-size=100000");
    }

    private void assertStartupFailure(String expected, String... properties) {
        this.runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(expected);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ShippingProperties.class)
    static class Config {

    }

}
