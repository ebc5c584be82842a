package dev.distsys.order.saga;

import java.time.Clock;

import dev.distsys.shared.leadership.LeaderElection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class SagaConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnProperty(name = "orders.saga.deadlines-enabled", havingValue = "true", matchIfMissing = true)
    DeadlineSweeper deadlineSweeper(SagaRepository sagas, SagaEngine engine, PlatformTransactionManager transactions,
            SagaProperties properties, Clock clock, LeaderElection leaders) {
        return new DeadlineSweeper(sagas, engine, new TransactionTemplate(transactions), properties, clock, leaders);
    }

}
