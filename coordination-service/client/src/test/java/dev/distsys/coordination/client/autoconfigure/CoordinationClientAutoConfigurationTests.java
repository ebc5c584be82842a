package dev.distsys.coordination.client.autoconfigure;

import java.net.URI;

import dev.distsys.coordination.client.CoordinationClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinationClientAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CoordinationClientAutoConfiguration.class));

    @Test
    void shouldCreateAClientFromTheServersMemberList() {
        this.runner
            .withPropertyValues("coordination.members=1=http://127.0.0.1:9101,2=http://127.0.0.1:9102|127.0.0.1:9202")
            .run((context) -> assertThat(context).hasSingleBean(CoordinationClient.class));
    }

    @Test
    void shouldStayAwayWithoutMembers() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(CoordinationClient.class));
    }

    @Test
    void shouldAcceptBothMemberForms() {
        assertThat(CoordinationClientAutoConfiguration
            .parseMembers("1=http://127.0.0.1:9101, http://127.0.0.1:9102,3=http://127.0.0.1:9103|127.0.0.1:9203"))
            .containsExactly(URI.create("http://127.0.0.1:9101"), URI.create("http://127.0.0.1:9102"),
                    URI.create("http://127.0.0.1:9103"));
    }

}
