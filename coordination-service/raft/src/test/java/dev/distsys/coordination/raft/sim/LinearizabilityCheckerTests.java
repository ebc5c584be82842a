package dev.distsys.coordination.raft.sim;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker must reject known non-linearizable histories, or a green simulator proves
 * nothing.
 */
class LinearizabilityCheckerTests {

    private final List<Operation> history = new ArrayList<>();

    private void op(KvCommand.Kind kind, String value, String expected, long call, long ret, String output) {
        this.history.add(new Operation(this.history.size(), 1 + this.history.size(), kind, "k", value, expected, call,
                ret, output));
    }

    @Test
    void shouldAcceptSequentialHistory() {
        op(KvCommand.Kind.PUT, "a", null, 1, 2, "ok");
        op(KvCommand.Kind.GET, null, null, 3, 4, "a");
        op(KvCommand.Kind.CAS, "b", "a", 5, 6, "true");
        op(KvCommand.Kind.GET, null, null, 7, 8, "b");
        assertThat(LinearizabilityChecker.check(this.history).linearizable()).isTrue();
    }

    @Test
    void shouldRejectStaleReadAfterCompletedWrite() {
        op(KvCommand.Kind.PUT, "a", null, 1, 2, "ok");
        op(KvCommand.Kind.PUT, "b", null, 3, 4, "ok");
        op(KvCommand.Kind.GET, null, null, 5, 6, "a");
        assertThat(LinearizabilityChecker.check(this.history).linearizable()).isFalse();
    }

    @Test
    void shouldAcceptEitherOrderForConcurrentWrites() {
        op(KvCommand.Kind.PUT, "a", null, 1, 4, "ok");
        op(KvCommand.Kind.PUT, "b", null, 2, 3, "ok");
        op(KvCommand.Kind.GET, null, null, 5, 6, "a");
        assertThat(LinearizabilityChecker.check(this.history).linearizable()).isTrue();
    }

    @Test
    void shouldRejectReadsThatSeeValuesGoBackwards() {
        op(KvCommand.Kind.PUT, "a", null, 1, 10, "ok");
        op(KvCommand.Kind.PUT, "b", null, 1, 10, "ok");
        op(KvCommand.Kind.GET, null, null, 2, 3, "a");
        op(KvCommand.Kind.GET, null, null, 4, 5, "b");
        op(KvCommand.Kind.GET, null, null, 6, 7, "a");
        assertThat(LinearizabilityChecker.check(this.history).linearizable()).isFalse();
    }

    @Test
    void shouldRejectCompareAndSetAppliedTwice() {
        // A retried CAS without session dedup: both attempts report success on the same
        // expected value.
        op(KvCommand.Kind.PUT, "a", null, 1, 2, "ok");
        op(KvCommand.Kind.CAS, "b", "a", 3, 4, "true");
        op(KvCommand.Kind.CAS, "c", "a", 5, 6, "true");
        assertThat(LinearizabilityChecker.check(this.history).linearizable()).isFalse();
    }

    @Test
    void shouldLetAnUnansweredWriteTakeEffectLate() {
        op(KvCommand.Kind.PUT, "a", null, 1, Long.MAX_VALUE, null);
        op(KvCommand.Kind.GET, null, null, 2, 3, null);
        op(KvCommand.Kind.GET, null, null, 4, 5, "a");
        assertThat(LinearizabilityChecker.check(this.history).linearizable()).isTrue();
    }

    @Test
    void shouldRejectReadOfValueNeverWritten() {
        op(KvCommand.Kind.PUT, "a", null, 1, 2, "ok");
        op(KvCommand.Kind.GET, null, null, 3, 4, "z");
        assertThat(LinearizabilityChecker.check(this.history).linearizable()).isFalse();
    }

}
