package dev.distsys.coordination.server;

import java.util.concurrent.TimeUnit;

import dev.distsys.coordination.server.node.DriverMetrics;
import dev.distsys.coordination.server.node.NodeStatus;
import dev.distsys.coordination.server.node.RaftDriver;
import dev.distsys.shared.security.EndpointRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the member: driver, transport, metrics, readiness and the API's scope. */
@Configuration(proxyBeanMethods = false)
class NodeConfiguration {

    @Bean(destroyMethod = "")
    RaftDriver raftDriver(CoordinationProperties properties, MeterRegistry registry) {
        return new RaftDriver(CoordinationNode.settings(properties), new MicrometerDriverMetrics(registry));
    }

    @Bean
    CoordinationNode coordinationNode(CoordinationProperties properties, RaftDriver driver, ApplicationContext context,
            MeterRegistry registry) {
        CoordinationNode node = new CoordinationNode(properties, driver, context);
        bindGauges(node, registry);
        return node;
    }

    @Bean
    EndpointRules coordinationEndpointRules() {
        return (rules) -> rules.requestMatchers("/v1/**").hasAuthority(EndpointRules.scope("coordination"));
    }

    /**
     * Ready only with a leader this member can reach: otherwise it can serve nothing
     * linearizable.
     */
    @Bean
    HealthIndicator raft(CoordinationNode node) {
        return () -> {
            NodeStatus status = node.driver().status();
            Health.Builder health = node.hasReachableLeader() ? Health.up() : Health.outOfService();
            return health.withDetail("role", status.role())
                .withDetail("term", status.term())
                .withDetail("leader", status.leader())
                .build();
        };
    }

    private static void bindGauges(CoordinationNode node, MeterRegistry registry) {
        RaftDriver driver = node.driver();
        Gauge.builder("raft.term", () -> driver.status().term()).register(registry);
        Gauge.builder("raft.role", () -> driver.status().role().ordinal())
            .description("0 follower, 1 pre-candidate, 2 candidate, 3 leader, 4 learner")
            .register(registry);
        Gauge.builder("raft.commit.index", () -> driver.status().commitIndex()).register(registry);
        Gauge.builder("raft.apply.index", () -> driver.status().appliedIndex()).register(registry);
        Gauge.builder("raft.apply.lag", () -> driver.status().commitIndex() - driver.status().appliedIndex())
            .register(registry);
        Gauge.builder("coordination.revision", () -> driver.status().revision()).register(registry);
        Gauge.builder("coordination.leases", () -> driver.status().leases()).register(registry);
        Gauge.builder("coordination.lock.waiters", () -> driver.status().lockWaiters()).register(registry);
        Gauge.builder("coordination.watchers", () -> driver.status().watchers()).register(registry);
        if (node.transport() != null) {
            Gauge.builder("raft.transport.dropped", () -> node.transport().droppedMessages()).register(registry);
            Gauge.builder("raft.transport.rejected.frames", () -> node.transport().rejectedFrames()).register(registry);
        }
    }

    private static final class MicrometerDriverMetrics implements DriverMetrics {

        private final Counter proposals;

        private final Counter elections;

        private final Timer fsync;

        MicrometerDriverMetrics(MeterRegistry registry) {
            this.proposals = Counter.builder("raft.proposals").description("client proposals").register(registry);
            this.elections = Counter.builder("raft.elections.won").register(registry);
            this.fsync = Timer.builder("raft.fsync").publishPercentileHistogram().register(registry);
        }

        @Override
        public void proposed() {
            this.proposals.increment();
        }

        @Override
        public void synced(long nanos) {
            this.fsync.record(nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void elected() {
            this.elections.increment();
        }

    }

}
