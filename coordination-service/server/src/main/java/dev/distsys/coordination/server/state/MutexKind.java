package dev.distsys.coordination.server.state;

/** Locks and elections share one queueing structure: a holder and FIFO waiters. */
public enum MutexKind {

    LOCK, ELECTION

}
