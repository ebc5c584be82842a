package dev.distsys.shared.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points every test context whose class carries {@link UsesRealInfrastructure} at the
 * JVM's shared servers. Registered in the test-jar's {@code META-INF/spring.factories}.
 */
class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        UsesRealInfrastructure annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                UsesRealInfrastructure.class);
        return (annotation != null) ? new Customizer(annotation.database()) : null;
    }

    private static final class Customizer implements ContextCustomizer {

        private final String database;

        Customizer(String database) {
            this.database = database;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            TestInfrastructure infrastructure = TestInfrastructure.shared();
            Map<String, Object> properties = Map.of("spring.datasource.url", infrastructure.jdbcUrl(this.database),
                    "spring.datasource.username", infrastructure.username(), "spring.datasource.password",
                    infrastructure.password(), "spring.kafka.bootstrap-servers",
                    infrastructure.kafkaBootstrapServers());
            context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("realTestInfrastructure", properties));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer customizer && Objects.equals(this.database, customizer.database);
        }

        @Override
        public int hashCode() {
            return this.database.hashCode();
        }

    }

}
