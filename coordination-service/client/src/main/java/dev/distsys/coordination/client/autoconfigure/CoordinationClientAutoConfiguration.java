package dev.distsys.coordination.client.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import java.time.Duration;

import dev.distsys.coordination.client.CoordinationClient;
import dev.distsys.coordination.client.discovery.CoordinationAutoRegistration;
import dev.distsys.coordination.client.discovery.CoordinationDiscoveryClient;
import dev.distsys.coordination.client.discovery.CoordinationServiceRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A {@link CoordinationClient} for any Spring Boot application that names the members in
 * {@code coordination.members}, in either the server's form ({@code 1=http://host:port},
 * optionally with {@code |peer}) or as plain URLs. {@code coordination.client.token} is a
 * bearer token with scope {@code coordination} (none when the service runs without
 * authentication).
 */
@AutoConfiguration
@ConditionalOnProperty("coordination.members")
public class CoordinationClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CoordinationClient coordinationClient(Environment environment) {
        List<URI> members = parseMembers(environment.getRequiredProperty("coordination.members"));
        return CoordinationClient.of(members, environment.getProperty("coordination.client.token"));
    }

    /** Discovery and registration for Spring Cloud, when it is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DiscoveryClient.class)
    static class SpringCloud {

        @Bean
        @ConditionalOnMissingBean(CoordinationDiscoveryClient.class)
        CoordinationDiscoveryClient coordinationDiscoveryClient(CoordinationClient client) {
            return new CoordinationDiscoveryClient(client);
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        CoordinationServiceRegistry coordinationServiceRegistry(CoordinationClient client, Environment environment) {
            long ttlMs = environment.getProperty("coordination.registration.ttl-ms", Long.class, 10_000L);
            return new CoordinationServiceRegistry(client, Duration.ofMillis(ttlMs));
        }

        /** Opt-in, so that applications choose to appear in the registry. */
        @Bean
        @ConditionalOnProperty("coordination.registration.enabled")
        CoordinationAutoRegistration coordinationAutoRegistration(CoordinationServiceRegistry registry,
                Environment environment) {
            return new CoordinationAutoRegistration(registry, environment);
        }

    }

    static List<URI> parseMembers(String members) {
        List<URI> parsed = new ArrayList<>();
        for (String member : members.split(",")) {
            String address = member.trim();
            int equals = address.indexOf('=');
            if (equals >= 0 && !address.substring(0, equals).contains(":")) {
                address = address.substring(equals + 1);
            }
            int bar = address.indexOf('|');
            if (bar >= 0) {
                address = address.substring(0, bar);
            }
            URI uri = URI.create(address.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("coordination.members entry '" + member
                        + "' must be http(s)://host:port or id=http(s)://host:port");
            }
            parsed.add(uri);
        }
        return parsed;
    }

}
