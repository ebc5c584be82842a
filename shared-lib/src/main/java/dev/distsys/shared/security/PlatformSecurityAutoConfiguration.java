package dev.distsys.shared.security;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every servlet service of the platform: health and API docs are public, the rest of the
 * actuator needs the {@code admin} or {@code metrics} scope, the service's
 * {@link EndpointRules} come next, and anything else needs a valid token. Stateless: no
 * session, no CSRF token (bearer tokens are not sent by browsers on their own).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class PlatformSecurityAutoConfiguration {

    static final String[] PUBLIC_PATHS = { "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**", "/error" };

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ConditionalOnProperty(name = "platform.security.enabled", havingValue = "true", matchIfMissing = true)
    static class TokenSecurity {

        @Bean
        JwtDecoder platformJwtDecoder(PlatformSecurityProperties properties) {
            return JwtDecoders.from(properties);
        }

        @Bean
        SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, JwtDecoder decoder,
                ObjectProvider<EndpointRules> serviceRules) throws Exception {
            List<EndpointRules> rules = serviceRules.orderedStream().toList();
            ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
            http.csrf((csrf) -> csrf.disable())
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests((authorize) -> {
                    authorize.requestMatchers(PUBLIC_PATHS).permitAll();
                    authorize.requestMatchers("/actuator/**")
                        .hasAnyAuthority(EndpointRules.scope("admin"), EndpointRules.scope("metrics"));
                    rules.forEach((rule) -> rule.configure(authorize));
                    authorize.anyRequest().authenticated();
                })
                .oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(decoder))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
                .exceptionHandling(
                        (exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .httpBasic((basic) -> basic.disable())
                .formLogin((form) -> form.disable())
                .logout((logout) -> logout.disable())
                .requestCache((cache) -> cache.disable())
                .anonymous(Customizer.withDefaults());
            return http.build();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ConditionalOnProperty(name = "platform.security.enabled", havingValue = "false")
    static class NoSecurity {

        @Bean
        SecurityFilterChain openSecurityFilterChain(HttpSecurity http) throws Exception {
            http.csrf((csrf) -> csrf.disable())
                .authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll());
            return http.build();
        }

    }

}
