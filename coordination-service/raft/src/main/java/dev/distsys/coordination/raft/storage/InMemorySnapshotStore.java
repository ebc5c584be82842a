package dev.distsys.coordination.raft.storage;

import java.util.Optional;

import dev.distsys.coordination.raft.Snapshot;

/** A {@link SnapshotStore} in memory. */
public final class InMemorySnapshotStore implements SnapshotStore {

    private Snapshot snapshot;

    @Override
    public Optional<Snapshot> load() {
        return Optional.ofNullable(this.snapshot);
    }

    @Override
    public void save(Snapshot newSnapshot) {
        this.snapshot = newSnapshot;
    }

}
