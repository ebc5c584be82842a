package dev.distsys.coordination.raft.storage;

import java.util.Optional;

import dev.distsys.coordination.raft.Snapshot;

/**
 * The latest durable snapshot. {@link #save(Snapshot)} is atomic and durable when it
 * returns, and replaces the previous snapshot.
 */
public interface SnapshotStore {

    Optional<Snapshot> load();

    void save(Snapshot snapshot);

}
