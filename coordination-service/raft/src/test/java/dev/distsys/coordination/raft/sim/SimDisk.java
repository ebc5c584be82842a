package dev.distsys.coordination.raft.sim;

import java.util.ArrayList;
import java.util.List;

import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.HardState;
import dev.distsys.coordination.raft.Snapshot;

/**
 * A node's disk: what was fsynced survives a crash; unsynced appends survive only as a
 * torn prefix, and an unsynced overwrite of synced entries is undone. Hard state and
 * snapshots are written atomically. Keeps a prefix hash per entry for the log-matching
 * checker.
 */
final class SimDisk {

    private final ArrayList<Entry> log = new ArrayList<>();

    private final ArrayList<Long> prefixHashes = new ArrayList<>();

    private long first = 1;

    private long baseHash;

    private int syncedSize;

    private List<Entry> overwrittenSynced;

    private int overwrittenFrom;

    private HardState hardState = HardState.EMPTY;

    private Snapshot snapshot;

    void append(List<Entry> entries, InvariantChecker checker, long nodeId) {
        if (entries.isEmpty()) {
            return;
        }
        int start = (int) (entries.get(0).index() - this.first);
        if (start < 0 || start > this.log.size()) {
            throw new IllegalStateException("node " + nodeId + " appends " + entries.get(0).index() + " to disk ["
                    + this.first + ", " + lastIndex() + "]");
        }
        if (start < this.syncedSize && this.overwrittenSynced == null) {
            this.overwrittenSynced = new ArrayList<>(this.log.subList(start, this.syncedSize));
            this.overwrittenFrom = start;
        }
        truncate(start);
        for (Entry entry : entries) {
            long prefix = InvariantChecker.prefixHash(hashBefore(this.log.size()), entry);
            checker.onStored(nodeId, entry, prefix);
            this.log.add(entry);
            this.prefixHashes.add(prefix);
        }
    }

    private long hashBefore(int position) {
        return (position == 0) ? this.baseHash : this.prefixHashes.get(position - 1);
    }

    private void truncate(int position) {
        this.log.subList(position, this.log.size()).clear();
        this.prefixHashes.subList(position, this.prefixHashes.size()).clear();
        this.syncedSize = Math.min(this.syncedSize, position);
    }

    void sync() {
        this.syncedSize = this.log.size();
        this.overwrittenSynced = null;
    }

    void saveHardState(HardState newHardState) {
        this.hardState = newHardState;
    }

    /** Saves a snapshot and drops the log it covers. */
    void saveSnapshot(Snapshot newSnapshot, long snapshotPrefixHash) {
        this.snapshot = newSnapshot;
        int drop = (int) Math.min(this.log.size(), Math.max(0, newSnapshot.index() - this.first + 1));
        boolean matches = drop > 0 && this.log.get(drop - 1).index() == newSnapshot.index()
                && this.log.get(drop - 1).term() == newSnapshot.term();
        if (!matches) {
            drop = this.log.size();
        }
        this.log.subList(0, drop).clear();
        this.prefixHashes.subList(0, drop).clear();
        this.syncedSize = Math.max(0, this.syncedSize - drop);
        this.overwrittenSynced = null;
        this.first = newSnapshot.index() + 1;
        this.baseHash = snapshotPrefixHash;
        if (!matches) {
            this.log.clear();
            this.prefixHashes.clear();
            this.syncedSize = 0;
        }
    }

    /**
     * Loses what was not synced: a torn prefix of new appends may remain.
     * @param random decides how much of the unsynced tail was written
     */
    void crash(SimRandom random) {
        if (this.overwrittenSynced != null) {
            truncate(this.overwrittenFrom);
            this.log.addAll(this.overwrittenSynced);
            rehash();
        }
        else {
            int keep = this.syncedSize + random.nextInt(this.log.size() - this.syncedSize + 1);
            truncate(keep);
        }
        this.syncedSize = this.log.size();
        this.overwrittenSynced = null;
    }

    private void rehash() {
        this.prefixHashes.clear();
        long hash = this.baseHash;
        for (Entry entry : this.log) {
            hash = InvariantChecker.prefixHash(hash, entry);
            this.prefixHashes.add(hash);
        }
    }

    HardState hardState() {
        return this.hardState;
    }

    Snapshot snapshot() {
        return this.snapshot;
    }

    List<Entry> entries() {
        return List.copyOf(this.log);
    }

    long lastIndex() {
        return this.first + this.log.size() - 1;
    }

    long snapshotIndex() {
        return (this.snapshot != null) ? this.snapshot.index() : 0;
    }

    /**
     * @return the term of the stored entry at {@code index}, or -1
     */
    long term(long index) {
        if (this.snapshot != null && index == this.snapshot.index()) {
            return this.snapshot.term();
        }
        long position = index - this.first;
        return (position < 0 || position >= this.log.size()) ? -1 : this.log.get((int) position).term();
    }

}
