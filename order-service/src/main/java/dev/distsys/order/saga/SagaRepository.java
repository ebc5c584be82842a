package dev.distsys.order.saga;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.distsys.order.order.FailureReason;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Saga runs, their step logs and their message history. */
@Repository
class SagaRepository {

    private static final String COLUMNS = "saga_id, order_id, kind, state, step_index, awaiting, deadline, attempts, "
            + "failure_reason, trace_id";

    private final JdbcTemplate jdbc;

    SagaRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SagaInstance saga, Instant now) {
        this.jdbc.update("INSERT INTO sagas (saga_id, order_id, kind, state, step_index, awaiting, deadline, attempts, "
                + "failure_reason, trace_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                saga.sagaId(), saga.orderId(), saga.kind().name(), saga.state().name(), saga.stepIndex(),
                saga.awaiting(), timestamp(saga.deadline()), saga.attempts(), name(saga.failureReason()),
                saga.traceId(), Timestamp.from(now), Timestamp.from(now));
    }

    void update(SagaInstance saga, Instant now) {
        this.jdbc.update(
                "UPDATE sagas SET state = ?, step_index = ?, awaiting = ?, deadline = ?, attempts = ?, failure_reason = ?, "
                        + "updated_at = ? WHERE saga_id = ?",
                saga.state().name(), saga.stepIndex(), saga.awaiting(), timestamp(saga.deadline()), saga.attempts(),
                name(saga.failureReason()), Timestamp.from(now), saga.sagaId());
    }

    /**
     * The saga, its row locked until the transaction ends. Callers lock its order first.
     */
    Optional<SagaInstance> lock(String sagaId) {
        return this.jdbc
            .query("SELECT " + COLUMNS + " FROM sagas WHERE saga_id = ? FOR UPDATE", SagaRepository::saga, sagaId)
            .stream()
            .findFirst();
    }

    /** The newest saga of an order. */
    Optional<SagaInstance> latestOf(String orderId) {
        return this.jdbc
            .query("SELECT " + COLUMNS + " FROM sagas WHERE order_id = ? ORDER BY created_at DESC, saga_id LIMIT 1",
                    SagaRepository::saga, orderId)
            .stream()
            .findFirst();
    }

    boolean hasActive(String orderId, SagaKind kind) {
        Integer count = this.jdbc.queryForObject(
                "SELECT count(*) FROM sagas WHERE order_id = ? AND kind = ? AND state IN ('RUNNING', 'COMPENSATING')",
                Integer.class, orderId, kind.name());
        return count != null && count > 0;
    }

    /** Sagas whose awaited reply is overdue, oldest deadline first. */
    List<DueSaga> due(Instant now, int limit) {
        return this.jdbc.query(
                "SELECT saga_id, order_id FROM sagas WHERE deadline IS NOT NULL AND deadline <= ? ORDER BY deadline LIMIT ?",
                (rs, n) -> new DueSaga(rs.getString(1), rs.getString(2)), Timestamp.from(now), limit);
    }

    long countIn(SagaState state) {
        Long count = this.jdbc.queryForObject("SELECT count(*) FROM sagas WHERE state = ?", Long.class, state.name());
        return (count != null) ? count : 0;
    }

    void startStep(String sagaId, int position, String name, boolean compensation, Instant now) {
        this.jdbc.update(
                "INSERT INTO saga_steps (saga_id, position, name, compensation, status, started_at, attempts) "
                        + "VALUES (?, ?, ?, ?, 'STARTED', ?, 1) ON CONFLICT (saga_id, position, compensation) "
                        + "DO UPDATE SET attempts = saga_steps.attempts + 1, status = 'STARTED', ended_at = NULL",
                sagaId, position, name, compensation, Timestamp.from(now));
    }

    void endStep(String sagaId, int position, boolean compensation, StepStatus status, Instant now) {
        this.jdbc.update(
                "UPDATE saga_steps SET status = ?, ended_at = ? WHERE saga_id = ? AND position = ? AND compensation = ?",
                status.name(), Timestamp.from(now), sagaId, position, compensation);
    }

    /** The status of a forward step, if it was started. */
    Optional<StepStatus> stepStatus(String sagaId, int position) {
        return this.jdbc
            .query("SELECT status FROM saga_steps WHERE saga_id = ? AND position = ? AND NOT compensation",
                    (rs, n) -> StepStatus.valueOf(rs.getString(1)), sagaId, position)
            .stream()
            .findFirst();
    }

    List<OrderSagas.StepEntry> steps(String sagaId) {
        return this.jdbc.query(
                "SELECT name, status, started_at, ended_at, attempts FROM saga_steps WHERE saga_id = ? "
                        + "ORDER BY started_at, compensation, position",
                (rs, n) -> new OrderSagas.StepEntry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        instant(rs.getTimestamp(4)), rs.getInt(5)),
                sagaId);
    }

    void recordEvent(String sagaId, String type, String service, long lamport, Instant occurredAt) {
        this.jdbc.update(
                "INSERT INTO saga_events (saga_id, type, service, lamport, occurred_at) VALUES (?, ?, ?, ?, ?)", sagaId,
                type, service, lamport, Timestamp.from(occurredAt));
    }

    /** Every message of every saga of the order, in causal (Lamport) order. */
    List<OrderSagas.EventEntry> eventsOfOrder(String orderId) {
        return this.jdbc.query(
                "SELECT e.type, e.service, e.lamport, e.occurred_at FROM saga_events e JOIN sagas s ON s.saga_id = e.saga_id "
                        + "WHERE s.order_id = ? ORDER BY e.lamport, e.id",
                (rs, n) -> new OrderSagas.EventEntry(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant()),
                orderId);
    }

    private static SagaInstance saga(ResultSet rs, int n) throws SQLException {
        String reason = rs.getString("failure_reason");
        return new SagaInstance(rs.getString("saga_id"), rs.getString("order_id"),
                SagaKind.valueOf(rs.getString("kind")), SagaState.valueOf(rs.getString("state")),
                rs.getInt("step_index"), rs.getString("awaiting"), instant(rs.getTimestamp("deadline")),
                rs.getInt("attempts"), (reason != null) ? FailureReason.valueOf(reason) : null,
                rs.getString("trace_id"));
    }

    private static Timestamp timestamp(Instant instant) {
        return (instant != null) ? Timestamp.from(instant) : null;
    }

    private static Instant instant(Timestamp timestamp) {
        return (timestamp != null) ? timestamp.toInstant() : null;
    }

    private static String name(Enum<?> value) {
        return (value != null) ? value.name() : null;
    }

    record DueSaga(String sagaId, String orderId) {
    }

    /** The statuses of the step log. */
    enum StepStatus {

        STARTED, SUCCEEDED, FAILED, REFUSED, TIMED_OUT, COMPENSATED, NEEDS_ATTENTION

    }

}
