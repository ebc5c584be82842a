package dev.distsys.shared.testing;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Makes every test context trust {@link TestTokens} instead of fetching the gateway's
 * keys. Added last, so that a test's own properties still win.
 */
class TestTokensContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new TrustTestTokens();
    }

    private static final class TrustTestTokens implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment()
                .getPropertySources()
                .addLast(new MapPropertySource("testTokens", Map.of("platform.security.public-key-location",
                        TestTokens.publicKeyFile().toUri().toString())));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TrustTestTokens;
        }

        @Override
        public int hashCode() {
            return TrustTestTokens.class.hashCode();
        }

    }

}
