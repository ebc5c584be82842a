package dev.distsys.shared.leadership;

import javax.sql.DataSource;

import dev.distsys.shared.identity.ServiceIdentityProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * A {@link LeaderElection} for every service with a database, through that database. A
 * service may declare its own (for instance one backed by the coordination service's
 * elections) instead.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBean(DataSource.class)
public class LeadershipAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(LeaderElection.class)
    PostgresLeaderElection postgresLeaderElection(DataSource dataSource, ServiceIdentityProperties identity) {
        return new PostgresLeaderElection(dataSource, identity.instanceId());
    }

}
