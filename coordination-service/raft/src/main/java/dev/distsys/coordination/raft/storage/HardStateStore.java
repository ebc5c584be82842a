package dev.distsys.coordination.raft.storage;

import dev.distsys.coordination.raft.HardState;

/**
 * The durable term and vote. {@link #save(HardState)} is atomic and durable when it
 * returns: after a crash {@link #load()} returns either the old or the new value, never a
 * mix.
 */
public interface HardStateStore {

    /**
     * @return the last saved hard state, or {@link HardState#EMPTY}
     */
    HardState load();

    void save(HardState hardState);

}
