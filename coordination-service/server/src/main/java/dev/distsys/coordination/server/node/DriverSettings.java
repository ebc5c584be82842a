package dev.distsys.coordination.server.node;

import java.nio.file.Path;

import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.RaftConfig;

/**
 * What the driver needs, already validated by the server's configuration.
 *
 * @param raft the core's configuration
 * @param initial the voters a brand-new cluster starts with
 * @param dataDir this member's durable state
 * @param tickMs real time per core tick
 * @param snapshotEntries applied entries between snapshots
 * @param leaseCheckpointMs how often the leader commits lease checkpoints
 * @param inboxCapacity bound on queued messages and requests
 * @param watchHistory bound on key changes kept for watchers
 * @param watchQueue bound on one watcher's undelivered events
 * @param maxWatchers bound on watchers per member
 */
public record DriverSettings(RaftConfig raft, Membership initial, Path dataDir, int tickMs, int snapshotEntries,
        int leaseCheckpointMs, int inboxCapacity, int watchHistory, int watchQueue, int maxWatchers) {

}
