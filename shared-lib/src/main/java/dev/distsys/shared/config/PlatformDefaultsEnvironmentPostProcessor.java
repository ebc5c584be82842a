package dev.distsys.shared.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Puts the settings every service of the platform shares (actuator groups, graceful
 * shutdown, Kafka producer safety, Flyway locations, request limits) behind everything
 * else, so that each service's own {@code application.yml}, its environment and its
 * command line still win. One file, {@code platform-defaults.properties}, instead of the
 * same lines in every service.
 */
class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "platformDefaults";

    private static final String RESOURCE = "platform-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        try {
            environment.getPropertySources()
                .addLast(new ResourcePropertySource(SOURCE_NAME, new ClassPathResource(RESOURCE)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("shared-lib's " + RESOURCE + " is missing from the classpath", ex);
        }
    }

}
