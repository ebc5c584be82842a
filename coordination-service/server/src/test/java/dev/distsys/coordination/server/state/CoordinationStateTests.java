package dev.distsys.coordination.server.state;

import java.util.List;
import java.util.Map;

import dev.distsys.coordination.server.state.Command.Acquire;
import dev.distsys.coordination.server.state.Command.Delete;
import dev.distsys.coordination.server.state.Command.ExpireLeases;
import dev.distsys.coordination.server.state.Command.Fence;
import dev.distsys.coordination.server.state.Command.GrantLease;
import dev.distsys.coordination.server.state.Command.KeepAlive;
import dev.distsys.coordination.server.state.Command.LeaseMark;
import dev.distsys.coordination.server.state.Command.Put;
import dev.distsys.coordination.server.state.Command.Release;
import dev.distsys.coordination.server.state.Command.Withdraw;
import dev.distsys.coordination.server.state.Result.Code;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinationStateTests {

    private final StateCodec codec = new StateCodec();

    private CoordinationState state = new CoordinationState();

    private Result apply(Command command) {
        // Every command goes through the log's byte form, as in production.
        return this.state.apply(this.codec.decode(this.codec.encode(Proposal.of(command))));
    }

    private Result put(String key, String value) {
        return apply(new Put(key, value, null, null, null));
    }

    @Test
    void shouldGiveEveryChangeTheNextRevisionAndKeepCreateRevision() {
        assertThat(put("a", "1").revision()).isEqualTo(1);
        assertThat(put("b", "1").revision()).isEqualTo(2);
        assertThat(put("a", "2").revision()).isEqualTo(3);
        assertThat(this.state.get("a")).isEqualTo(new KeyValue("a", "2", 1, 3, null));
        assertThat(this.state.drainEvents()).extracting(KvEvent::revision).containsExactly(1L, 2L, 3L);
    }

    @Test
    void shouldCompareAndSetOnModRevisionWithZeroMeaningAbsent() {
        assertThat(apply(new Put("a", "1", null, 0L, null)).code()).isEqualTo(Code.OK);
        Result mismatch = apply(new Put("a", "2", null, 0L, null));
        assertThat(mismatch.code()).isEqualTo(Code.CONFLICT);
        assertThat(mismatch.value()).isEqualTo(1);
        assertThat(apply(new Put("a", "2", null, 1L, null)).code()).isEqualTo(Code.OK);
        assertThat(apply(new Delete("a", 1L)).code()).isEqualTo(Code.CONFLICT);
        assertThat(apply(new Delete("a", 2L)).value()).isEqualTo(1);
        assertThat(apply(new Delete("a", null)).value()).isZero();
        assertThat(this.state.get("a")).isNull();
    }

    @Test
    void shouldHandALockToTheFirstWaiterInTheEntryThatReleasesItWithAHigherToken() {
        apply(new GrantLease("l1", 5000));
        apply(new GrantLease("l2", 5000));
        apply(new GrantLease("l3", 5000));
        assertThat(apply(new Acquire(MutexKind.LOCK, "m", "l1", null)).value()).isEqualTo(1);
        assertThat(apply(new Acquire(MutexKind.LOCK, "m", "l2", null)).code()).isEqualTo(Code.QUEUED);
        assertThat(apply(new Acquire(MutexKind.LOCK, "m", "l3", null)).code()).isEqualTo(Code.QUEUED);
        this.state.drainGrants();

        assertThat(apply(new Release("m", 1)).code()).isEqualTo(Code.OK);

        assertThat(this.state.drainGrants()).extracting(Granted::leaseId, Granted::token)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("l2", 2L));
        assertThat(this.state.mutex(MutexKind.LOCK, "m")).isEqualTo(new LockView(true, 2, "l2", null, 1));
        assertThat(apply(new Release("m", 1)).code()).as("an old token releases nothing").isEqualTo(Code.CONFLICT);
    }

    @Test
    void shouldRejectAFencedWriteWithAnOlderToken() {
        apply(new GrantLease("l1", 5000));
        apply(new GrantLease("l2", 5000));
        apply(new Acquire(MutexKind.LOCK, "m", "l1", null));
        apply(new Acquire(MutexKind.LOCK, "m", "l2", null));
        assertThat(apply(new Put("res", "by-1", null, null, new Fence("m", 1))).code()).isEqualTo(Code.OK);
        apply(new Command.RevokeLease("l1"));

        assertThat(apply(new Put("res", "late-1", null, null, new Fence("m", 1))).code()).isEqualTo(Code.CONFLICT);
        assertThat(apply(new Put("res", "by-2", null, null, new Fence("m", 2))).code()).isEqualTo(Code.OK);
        assertThat(this.state.get("res").value()).isEqualTo("by-2");
    }

    @Test
    void shouldReleaseKeysLocksCandidaciesAndInstancesWhenALeaseEnds() {
        apply(new GrantLease("l1", 5000));
        apply(new Put("k", "v", "l1", null, null));
        apply(new Acquire(MutexKind.LOCK, "m", "l1", null));
        apply(new Acquire(MutexKind.ELECTION, "e", "l1", "me"));
        apply(new Command.Register("svc", "i1", "http://127.0.0.1:1", "l1", Map.of()));
        this.state.drainEvents();

        apply(new ExpireLeases(List.of(new LeaseMark("l1", 0, 0))));

        assertThat(this.state.get("k")).isNull();
        assertThat(this.state.drainEvents()).extracting(KvEvent::type).containsExactly("DELETE");
        assertThat(this.state.mutex(MutexKind.LOCK, "m").held()).isFalse();
        assertThat(this.state.mutex(MutexKind.ELECTION, "e").held()).isFalse();
        assertThat(this.state.instances("svc")).isEmpty();
        assertThat(this.state.hasLease("l1")).isFalse();
    }

    @Test
    void shouldIgnoreAnExpiryDecidedBeforeAKeepAliveThatCommittedFirst() {
        apply(new GrantLease("l1", 5000));
        apply(new KeepAlive("l1"));

        apply(new ExpireLeases(List.of(new LeaseMark("l1", 0, 0))));

        assertThat(this.state.hasLease("l1")).isTrue();
    }

    @Test
    void shouldKeepFencingTokensIncreasingAcrossASnapshotRestore() {
        apply(new GrantLease("l1", 5000));
        apply(new Acquire(MutexKind.LOCK, "m", "l1", null));
        apply(new Release("m", 1));
        this.state = this.codec.restore(this.codec.snapshot(this.state));

        assertThat(apply(new Acquire(MutexKind.LOCK, "m", "l1", null)).value()).isEqualTo(2);
    }

    @Test
    void shouldRestoreEverythingFromASnapshot() {
        apply(new GrantLease("l1", 5000));
        apply(new GrantLease("l2", 5000));
        apply(new Put("k", "v", "l1", null, null));
        apply(new Acquire(MutexKind.LOCK, "m", "l1", null));
        apply(new Acquire(MutexKind.LOCK, "m", "l2", null));
        apply(new Command.Register("svc", "i1", "http://127.0.0.1:1", "l2", Map.of("zone", "a")));
        CoordinationState restored = this.codec.restore(this.codec.snapshot(this.state));

        assertThat(this.codec.snapshot(restored)).isEqualTo(this.codec.snapshot(this.state));
        assertThat(restored.mutex(MutexKind.LOCK, "m")).isEqualTo(this.state.mutex(MutexKind.LOCK, "m"));
        assertThat(restored.instances("svc")).isEqualTo(this.state.instances("svc"));
    }

    @Test
    void shouldAnswerARetriedRequestOfASessionWithoutApplyingItAgain() {
        Proposal first = new Proposal("client-1", 1, new Put("a", "1", null, 0L, null));
        assertThat(this.state.apply(first).code()).isEqualTo(Code.OK);

        Result retried = this.state.apply(first);

        assertThat(retried.code()).as("the CAS is not evaluated twice").isEqualTo(Code.OK);
        assertThat(this.state.revision()).isEqualTo(1);
    }

    @Test
    void shouldReportAWithdrawnWaiterAsNotHeldButAHandedOverOneAsHeld() {
        apply(new GrantLease("l1", 5000));
        apply(new GrantLease("l2", 5000));
        apply(new Acquire(MutexKind.LOCK, "m", "l1", null));
        apply(new Acquire(MutexKind.LOCK, "m", "l2", null));
        assertThat(apply(new Withdraw(MutexKind.LOCK, "m", "l2")).code()).isEqualTo(Code.CONFLICT);
        assertThat(this.state.mutex(MutexKind.LOCK, "m").waiters()).isZero();

        apply(new Acquire(MutexKind.LOCK, "m", "l2", null));
        apply(new Release("m", 1));
        Result late = apply(new Withdraw(MutexKind.LOCK, "m", "l2"));
        assertThat(late.code()).isEqualTo(Code.OK);
        assertThat(late.value()).isEqualTo(2);
    }

    @Test
    void shouldNotRenewAnUnknownLease() {
        assertThat(apply(new KeepAlive("nope")).code()).isEqualTo(Code.NOT_FOUND);
        assertThat(apply(new Put("k", "v", "nope", null, null)).code()).isEqualTo(Code.NOT_FOUND);
        assertThat(this.state.get("k")).isNull();
    }

}
