package dev.distsys.shared.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The platform's problem details for every servlet service: the shared
 * {@code @RestControllerAdvice} and strict JSON request bodies. Reactive applications
 * (the gateway) and non-web ones get neither.
 *
 * <p>
 * {@code distsys.problem-details.enabled=false} switches the advice off;
 * {@code distsys.json.strict=false} keeps Jackson's lenient defaults.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(ResponseEntityExceptionHandler.class)
public class ProblemDetailsAutoConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "distsys.problem-details.enabled", matchIfMissing = true)
    ResponseEntityExceptionHandler distsysProblemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapperBuilderCustomizer.class)
    @ConditionalOnBooleanProperty(name = "distsys.json.strict", matchIfMissing = true)
    static class StrictJsonConfiguration {

        @Bean
        JsonMapperBuilderCustomizer distsysStrictJsonCustomizer() {
            return StrictJson::configure;
        }

    }

}
