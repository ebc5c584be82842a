package dev.distsys.shared.identity;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Binds and validates {@link ServiceIdentityProperties} and stamps servlet responses with
 * it.
 */
@AutoConfiguration
@EnableConfigurationProperties(ServiceIdentityProperties.class)
public class ServiceIdentityAutoConfiguration {

    /** Separate, so that reactive applications never load servlet types. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    static class ServletServedByConfiguration {

        @Bean
        FilterRegistrationBean<ServedByFilter> servedByFilter(ServiceIdentityProperties identity) {
            FilterRegistrationBean<ServedByFilter> registration = new FilterRegistrationBean<>(
                    new ServedByFilter(identity));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

    }

}
