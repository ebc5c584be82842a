package dev.distsys.coordination.raft.bench;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.Message;
import dev.distsys.coordination.raft.RaftConfig;
import dev.distsys.coordination.raft.RaftNode;
import dev.distsys.coordination.raft.RandomSource;
import dev.distsys.coordination.raft.Ready;

/**
 * Three cores wired directly, with an instant in-memory "disk": measures the core alone.
 */
final class BenchCluster {

    private static final long COMPACT_EVERY = 50_000;

    private final Map<Long, RaftNode> nodes = new TreeMap<>();

    private final ArrayDeque<Message> inflight = new ArrayDeque<>();

    private final Map<Long, Long> compactedAt = new TreeMap<>();

    private final RaftNode leader;

    BenchCluster() {
        Membership membership = new Membership(Set.of(1L, 2L, 3L), Set.of());
        for (long id = 1; id <= 3; id++) {
            RaftConfig config = RaftConfig.ofDefaults(id).withLimits(256, 256, 1 << 20, 64L << 20, 64 << 10);
            this.nodes.put(id, RaftNode.bootstrap(config, RandomSource.seeded(id), membership));
        }
        this.nodes.get(1L).campaign();
        settle();
        this.leader = this.nodes.get(1L);
        if (!this.leader.isLeader()) {
            throw new IllegalStateException("node 1 did not become leader");
        }
    }

    /**
     * Proposes {@code commands} and runs the cluster until the leader has committed them.
     */
    long commit(List<byte[]> commands) {
        long last = 0;
        for (byte[] command : commands) {
            last = this.leader.propose(command).index();
        }
        settle();
        if (this.leader.commitIndex() < last) {
            throw new IllegalStateException("not committed: " + last);
        }
        return last;
    }

    private void settle() {
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (RaftNode node : this.nodes.values()) {
                while (node.hasReady()) {
                    Ready ready = node.ready();
                    this.inflight.addAll(ready.messages());
                    node.advance(ready);
                    progressed = true;
                    if (node.appliedIndex() - this.compactedAt.getOrDefault(node.id(), 0L) >= COMPACT_EVERY) {
                        node.compact(node.appliedIndex(), new byte[0]);
                        this.compactedAt.put(node.id(), node.appliedIndex());
                    }
                }
            }
            while (!this.inflight.isEmpty()) {
                Message message = this.inflight.poll();
                this.nodes.get(message.to()).step(message);
                progressed = true;
            }
        }
    }

}
