package dev.distsys.coordination.raft.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.RaftConfig;
import dev.distsys.coordination.raft.RaftNode;
import dev.distsys.coordination.raft.ReadState;

/**
 * One simulated member: the Raft core, its disk, its state machine and its clients'
 * requests.
 */
final class SimNode {

    record PendingRead(ReadState state, SimClient client, long serial) {
    }

    final long id;

    final RaftConfig config;

    final SimDisk disk = new SimDisk();

    final Map<Long, long[]> pendingWrites = new HashMap<>();

    final Map<String, SimClient> pendingReads = new HashMap<>();

    final List<PendingRead> waitingReads = new ArrayList<>();

    final double tickRate;

    final int snapshotEvery;

    RaftNode raft;

    KvStateMachine machine = new KvStateMachine();

    long applied;

    boolean up = true;

    boolean crashOnNextWrite;

    long restartAt;

    private double tickCredit;

    SimNode(long id, RaftConfig config, double tickRate, int snapshotEvery) {
        this.id = id;
        this.config = config;
        this.tickRate = tickRate;
        this.snapshotEvery = snapshotEvery;
    }

    void bootstrap(SimRandom random, Membership initial) {
        this.raft = RaftNode.bootstrap(this.config, random.fork(), initial);
    }

    void join(SimRandom random) {
        this.raft = RaftNode.join(this.config, random.fork());
    }

    /** Restart from what the disk kept, losing all volatile state. */
    void restart(SimRandom random) {
        this.raft = RaftNode.restart(this.config, random.fork(), this.disk.hardState(), this.disk.snapshot(),
                this.disk.entries());
        this.machine = (this.disk.snapshot() != null) ? KvStateMachine.restore(this.disk.snapshot().data())
                : new KvStateMachine();
        this.applied = this.disk.snapshotIndex();
        this.up = true;
        this.crashOnNextWrite = false;
    }

    void crash(SimRandom random) {
        this.up = false;
        this.disk.crash(random);
        this.pendingWrites.clear();
        this.pendingReads.clear();
        this.waitingReads.clear();
        this.raft = null;
    }

    /**
     * @return how many ticks this node's (skewed) clock advances in one global tick
     */
    int ticksDue() {
        this.tickCredit += this.tickRate;
        int due = (int) this.tickCredit;
        this.tickCredit -= due;
        return due;
    }

}
