package dev.distsys.shared.leadership;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.distsys.shared.testing.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a service electing a leader through their shared, real PostgreSQL
 * database.
 */
class PostgresLeaderElectionTests {

    private static final String DATABASE = "leadership";

    private static PGSimpleDataSource dataSource;

    private final PostgresLeaderElection first = new PostgresLeaderElection(dataSource, "instance-1");

    private final PostgresLeaderElection second = new PostgresLeaderElection(dataSource, "instance-2");

    @BeforeAll
    static void migrate() {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(infrastructure.jdbcUrl(DATABASE));
        dataSource.setUser(infrastructure.username());
        dataSource.setPassword(infrastructure.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/shared-migration").load().migrate();
    }

    @AfterEach
    void giveUp() {
        this.first.close();
        this.second.close();
    }

    @Test
    void shouldLetOneInstanceLeadARoleAtATime() {
        Leadership leading = this.first.tryLead("dispatch").orElseThrow();
        assertThat(this.second.tryLead("dispatch")).isEmpty();
        assertThat(this.first.tryLead("dispatch")).contains(leading);
        assertThat(this.second.tryLead("sweeper")).isPresent();
    }

    @Test
    void shouldHandLeadershipOverWithAHigherTermWhenTheLeaderLeaves() {
        long term = this.first.tryLead("relay").orElseThrow().term();
        this.first.close();
        assertThat(this.second.tryLead("relay"))
            .hasValueSatisfying((leadership) -> assertThat(leadership.term()).isEqualTo(term + 1));
        assertThat(this.first.tryLead("relay")).isEmpty();
    }

    @Test
    void shouldLoseLeadershipWhenTheDatabaseDropsTheLeadersSession() throws SQLException {
        long term = this.first.tryLead("deadlines").orElseThrow().term();
        terminateSessionsOf("deadlines");
        assertThat(this.second.tryLead("deadlines"))
            .hasValueSatisfying((leadership) -> assertThat(leadership.term()).isGreaterThan(term));
        assertThat(this.first.tryLead("deadlines")).isEmpty();
    }

    /**
     * Ends the backend holding the role's advisory lock, as a network partition would.
     */
    private static void terminateSessionsOf(String role) throws SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        try (Connection admin = DriverManager.getConnection(infrastructure.jdbcUrl(DATABASE), infrastructure.username(),
                infrastructure.password());
                PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks "
                        + "WHERE locktype = 'advisory' AND granted AND objid = (hashtextextended(?, 0) & 4294967295)::oid")) {
            terminate.setString(1, "leadership:" + role);
            terminate.execute();
        }
    }

}
