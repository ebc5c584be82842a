package dev.distsys.shared.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@SpringBootTest(classes = RealInfrastructureTests.App.class,
        properties = { "spring.main.web-application-type=none", "platform.service.name=shared-lib",
                "platform.service.instance-id=shared-lib-test" })
@UsesRealInfrastructure(database = "shared_lib")
class RealInfrastructureTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldWireTheApplicationToItsOwnRealDatabase() {
        assertThat(this.jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(this.jdbc.queryForObject("select current_database()", String.class)).isEqualTo("shared_lib");
    }

    @Test
    void shouldGiveEveryServiceADatabaseOfItsOwnOnTheSameServer() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl("another_service"),
                infrastructure.username(), infrastructure.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select current_database()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("another_service");
        }
    }

    @Test
    void shouldRefuseADatabaseNameThatIsNotAPlainIdentifier() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> TestInfrastructure.shared().jdbcUrl("orders; drop database x"))
            .withMessageContaining("must match");
    }

    @SpringBootApplication
    static class App {

    }

}
