package dev.distsys.coordination.raft;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Immutable configuration of one node. Time is counted in ticks of the driver's clock.
 * Build from {@link #ofDefaults(long)} and adjust with the {@code with…} methods;
 * {@link #validate()} says what to fix.
 *
 * @param id this node's id, positive
 * @param electionTimeoutTicksMin lower bound of the randomized election timeout
 * @param electionTimeoutTicksMax upper bound (exclusive) of the randomized election
 * timeout
 * @param heartbeatTicks ticks between leader heartbeats, well below the election timeout
 * @param preVote whether to run a pre-vote before bumping the term (dissertation §9.6)
 * @param checkQuorum whether a leader steps down when a majority went silent for an
 * election timeout, and followers ignore votes while they hear from a leader
 * (dissertation §6.2, §4.2.3)
 * @param maxInflightAppends bound on unacknowledged AppendEntries per follower
 * (pipelining window)
 * @param maxEntriesPerAppend bound on entries in one AppendEntries
 * @param maxAppendBytes bound on entry bytes in one AppendEntries (at least one entry is
 * sent)
 * @param maxEntryBytes bound on one command
 * @param maxUncommittedBytes bound on proposed-but-uncommitted bytes at the leader
 * @param maxCommittedBytesPerReady bound on committed entry bytes handed out in one
 * {@link Ready}
 * @param maxPendingReads bound on reads waiting for leadership confirmation
 * @param snapshotChunkBytes bytes of snapshot data per InstallSnapshot message
 * @param maxSnapshotBytes largest snapshot a follower accepts
 * @param leaseReadDriftTicks 0 disables lease reads; otherwise the operator's bound on
 * clock drift during an election timeout, subtracted from the lease (requires
 * checkQuorum)
 * @param unsafeFaults deliberate bugs for the simulator to find; must be empty in
 * production
 */
public record RaftConfig(long id, int electionTimeoutTicksMin, int electionTimeoutTicksMax, int heartbeatTicks,
        boolean preVote, boolean checkQuorum, int maxInflightAppends, int maxEntriesPerAppend, int maxAppendBytes,
        int maxEntryBytes, long maxUncommittedBytes, int maxCommittedBytesPerReady, int maxPendingReads,
        int snapshotChunkBytes, int maxSnapshotBytes, int leaseReadDriftTicks, Set<UnsafeFault> unsafeFaults) {

    public RaftConfig {
        unsafeFaults = unsafeFaults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(unsafeFaults));
    }

    /**
     * Defaults: election timeout 10–20 ticks, heartbeat every tick, pre-vote and
     * check-quorum on, lease reads off.
     * @param id this node's id
     * @return a valid configuration
     */
    public static RaftConfig ofDefaults(long id) {
        return new RaftConfig(id, 10, 20, 1, true, true, 64, 256, 1 << 20, 1 << 20, 8L << 20, 4 << 20, 4096, 64 << 10,
                256 << 20, 0, Set.of());
    }

    public RaftConfig withId(long newId) {
        return new RaftConfig(newId, this.electionTimeoutTicksMin, this.electionTimeoutTicksMax, this.heartbeatTicks,
                this.preVote, this.checkQuorum, this.maxInflightAppends, this.maxEntriesPerAppend, this.maxAppendBytes,
                this.maxEntryBytes, this.maxUncommittedBytes, this.maxCommittedBytesPerReady, this.maxPendingReads,
                this.snapshotChunkBytes, this.maxSnapshotBytes, this.leaseReadDriftTicks, this.unsafeFaults);
    }

    public RaftConfig withElectionTicks(int min, int max, int heartbeat) {
        return new RaftConfig(this.id, min, max, heartbeat, this.preVote, this.checkQuorum, this.maxInflightAppends,
                this.maxEntriesPerAppend, this.maxAppendBytes, this.maxEntryBytes, this.maxUncommittedBytes,
                this.maxCommittedBytesPerReady, this.maxPendingReads, this.snapshotChunkBytes, this.maxSnapshotBytes,
                this.leaseReadDriftTicks, this.unsafeFaults);
    }

    public RaftConfig withPreVoteAndCheckQuorum(boolean newPreVote, boolean newCheckQuorum) {
        return new RaftConfig(this.id, this.electionTimeoutTicksMin, this.electionTimeoutTicksMax, this.heartbeatTicks,
                newPreVote, newCheckQuorum, this.maxInflightAppends, this.maxEntriesPerAppend, this.maxAppendBytes,
                this.maxEntryBytes, this.maxUncommittedBytes, this.maxCommittedBytesPerReady, this.maxPendingReads,
                this.snapshotChunkBytes, this.maxSnapshotBytes, this.leaseReadDriftTicks, this.unsafeFaults);
    }

    public RaftConfig withLimits(int inflight, int entriesPerAppend, int appendBytes, long uncommittedBytes,
            int chunkBytes) {
        return new RaftConfig(this.id, this.electionTimeoutTicksMin, this.electionTimeoutTicksMax, this.heartbeatTicks,
                this.preVote, this.checkQuorum, inflight, entriesPerAppend, appendBytes, this.maxEntryBytes,
                uncommittedBytes, this.maxCommittedBytesPerReady, this.maxPendingReads, chunkBytes,
                this.maxSnapshotBytes, this.leaseReadDriftTicks, this.unsafeFaults);
    }

    public RaftConfig withLeaseReadDriftTicks(int driftTicks) {
        return new RaftConfig(this.id, this.electionTimeoutTicksMin, this.electionTimeoutTicksMax, this.heartbeatTicks,
                this.preVote, this.checkQuorum, this.maxInflightAppends, this.maxEntriesPerAppend, this.maxAppendBytes,
                this.maxEntryBytes, this.maxUncommittedBytes, this.maxCommittedBytesPerReady, this.maxPendingReads,
                this.snapshotChunkBytes, this.maxSnapshotBytes, driftTicks, this.unsafeFaults);
    }

    /**
     * Returns a copy with deliberate bugs switched on. For the simulator's self-test
     * only.
     * @param faults the bugs
     * @return the broken configuration
     */
    public RaftConfig withUnsafeFaults(Set<UnsafeFault> faults) {
        return new RaftConfig(this.id, this.electionTimeoutTicksMin, this.electionTimeoutTicksMax, this.heartbeatTicks,
                this.preVote, this.checkQuorum, this.maxInflightAppends, this.maxEntriesPerAppend, this.maxAppendBytes,
                this.maxEntryBytes, this.maxUncommittedBytes, this.maxCommittedBytesPerReady, this.maxPendingReads,
                this.snapshotChunkBytes, this.maxSnapshotBytes, this.leaseReadDriftTicks, faults);
    }

    /**
     * Checks every bound.
     * @return this configuration
     * @throws IllegalArgumentException listing every problem and how to fix it
     */
    public RaftConfig validate() {
        List<String> problems = new ArrayList<>();
        if (this.id <= 0) {
            problems.add("id must be positive (0 means 'none'), was " + this.id);
        }
        if (this.heartbeatTicks < 1) {
            problems.add("heartbeatTicks must be at least 1, was " + this.heartbeatTicks);
        }
        if (this.electionTimeoutTicksMin <= this.heartbeatTicks * 2) {
            problems.add("electionTimeoutTicksMin must exceed 2 x heartbeatTicks (" + this.heartbeatTicks + "), was "
                    + this.electionTimeoutTicksMin + ": raise it, e.g. to 10 x heartbeatTicks");
        }
        if (this.electionTimeoutTicksMax <= this.electionTimeoutTicksMin) {
            problems.add("electionTimeoutTicksMax must exceed electionTimeoutTicksMin (" + this.electionTimeoutTicksMin
                    + ") so that timeouts are randomized, was " + this.electionTimeoutTicksMax);
        }
        positive(problems, "maxInflightAppends", this.maxInflightAppends);
        positive(problems, "maxEntriesPerAppend", this.maxEntriesPerAppend);
        positive(problems, "maxAppendBytes", this.maxAppendBytes);
        positive(problems, "maxEntryBytes", this.maxEntryBytes);
        positive(problems, "maxCommittedBytesPerReady", this.maxCommittedBytesPerReady);
        positive(problems, "maxPendingReads", this.maxPendingReads);
        positive(problems, "snapshotChunkBytes", this.snapshotChunkBytes);
        positive(problems, "maxSnapshotBytes", this.maxSnapshotBytes);
        if (this.maxUncommittedBytes < this.maxEntryBytes) {
            problems.add("maxUncommittedBytes must be at least maxEntryBytes (" + this.maxEntryBytes + "), was "
                    + this.maxUncommittedBytes);
        }
        if (this.leaseReadDriftTicks < 0 || this.leaseReadDriftTicks >= this.electionTimeoutTicksMin) {
            problems.add("leaseReadDriftTicks must be 0 (lease reads off) or below electionTimeoutTicksMin, was "
                    + this.leaseReadDriftTicks);
        }
        if (this.leaseReadDriftTicks > 0 && !this.checkQuorum) {
            problems.add("lease reads (leaseReadDriftTicks > 0) require checkQuorum: turn it on or set the drift to 0");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Raft configuration: " + String.join("; ", problems));
        }
        return this;
    }

    private static void positive(List<String> problems, String name, long value) {
        if (value <= 0) {
            problems.add(name + " must be positive, was " + value);
        }
    }

}
