package dev.distsys.shared.problem;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAutoConfigurationTests {

    private static final AutoConfigurations CONFIG = AutoConfigurations.of(ProblemDetailsAutoConfiguration.class);

    @Test
    void shouldRegisterTheAdviceAndStrictJsonInAServletApp() {
        new WebApplicationContextRunner().withConfiguration(CONFIG).run((context) -> {
            assertThat(context).hasSingleBean(ProblemDetailsAdvice.class);
            assertThat(context).hasSingleBean(JsonMapperBuilderCustomizer.class);
        });
    }

    @Test
    void shouldStayOutOfReactiveAndNonWebApps() {
        new ReactiveWebApplicationContextRunner().withConfiguration(CONFIG)
            .run((context) -> assertThat(context).doesNotHaveBean(ResponseEntityExceptionHandler.class));
        new ApplicationContextRunner().withConfiguration(CONFIG)
            .run((context) -> assertThat(context).doesNotHaveBean(ResponseEntityExceptionHandler.class)
                .doesNotHaveBean(JsonMapperBuilderCustomizer.class));
    }

    @Test
    void shouldBackOffWhenSwitchedOff() {
        new WebApplicationContextRunner().withConfiguration(CONFIG)
            .withPropertyValues("distsys.problem-details.enabled=false", "distsys.json.strict=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ResponseEntityExceptionHandler.class)
                .doesNotHaveBean(JsonMapperBuilderCustomizer.class));
    }

}
