package dev.distsys.coordination.raft.storage;

import dev.distsys.coordination.raft.HardState;

/** A {@link HardStateStore} in memory. */
public final class InMemoryHardStateStore implements HardStateStore {

    private HardState hardState = HardState.EMPTY;

    @Override
    public HardState load() {
        return this.hardState;
    }

    @Override
    public void save(HardState newHardState) {
        this.hardState = newHardState;
    }

}
