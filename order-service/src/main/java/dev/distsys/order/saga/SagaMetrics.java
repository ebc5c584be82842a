package dev.distsys.order.saga;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Saga outcomes, late replies and the sagas parked for an operator. */
@Component
class SagaMetrics {

    private final MeterRegistry registry;

    private final Counter lateReplies;

    SagaMetrics(MeterRegistry registry, SagaRepository sagas) {
        this.registry = registry;
        this.lateReplies = Counter.builder("saga.replies.late")
            .description("Replies that arrived after their step had timed out or been superseded; ignored")
            .register(registry);
        Gauge.builder("saga.needs.attention", sagas, (repository) -> repository.countIn(SagaState.NEEDS_ATTENTION))
            .description("Sagas parked because a compensation kept failing: an operator must look")
            .register(registry);
    }

    void started(SagaKind kind) {
        Counter.builder("saga.started").tag("kind", kind.name()).register(this.registry).increment();
    }

    void ended(SagaKind kind, SagaState outcome) {
        Counter.builder("saga.ended")
            .tag("kind", kind.name())
            .tag("outcome", outcome.name())
            .register(this.registry)
            .increment();
    }

    void lateReply() {
        this.lateReplies.increment();
    }

}
