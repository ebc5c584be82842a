package dev.distsys.coordination.raft.sim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import dev.distsys.coordination.raft.Entry;

/**
 * The safety properties of Raft Figure 3, checked as the simulation runs:
 * <ul>
 * <li>Election Safety: at most one leader per term;</li>
 * <li>Log Matching: two stored entries with the same index and term have identical
 * prefixes (checked with a running hash of each log's prefix);</li>
 * <li>Leader Completeness: a new leader of term T stores every entry committed in a term
 * below T;</li>
 * <li>State Machine Safety: every node applies the same entry at a given index.</li>
 * </ul>
 */
final class InvariantChecker {

    private final Map<Long, Long> leaders = new HashMap<>();

    private final Map<Long, Long> prefixByIndexAndTerm = new HashMap<>();

    private long[] appliedTerm = new long[1024];

    private long[] appliedHash = new long[1024];

    private long[] appliedPrefix = new long[1024];

    private long appliedMax;

    private long[] commitTerm = new long[1024];

    private long[] committedEntryTerm = new long[1024];

    private long committedMax;

    static long entryHash(Entry entry) {
        long h = entry.term() * 0x9E3779B97F4A7C15L + entry.index() * 31 + entry.type().ordinal();
        return mix(h ^ Arrays.hashCode(entry.data()));
    }

    static long prefixHash(long previous, Entry entry) {
        return mix(previous * 0xBF58476D1CE4E5B9L + entryHash(entry));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    void onLeader(long nodeId, long term, SimDisk disk) {
        Long existing = this.leaders.putIfAbsent(term, nodeId);
        if (existing != null && existing != nodeId) {
            throw new SimulationFailure(
                    "election safety: nodes " + existing + " and " + nodeId + " both lead term " + term);
        }
        if (existing != null) {
            return;
        }
        for (long index = disk.snapshotIndex() + 1; index <= this.committedMax; index++) {
            int i = (int) index;
            if (this.commitTerm[i] < term && this.committedEntryTerm[i] > 0
                    && disk.term(index) != this.committedEntryTerm[i]) {
                throw new SimulationFailure("leader completeness: leader " + nodeId + " of term " + term
                        + " lacks entry " + index + " (term " + this.committedEntryTerm[i] + ") committed in term "
                        + this.commitTerm[i] + "; it has term " + disk.term(index));
            }
        }
    }

    /**
     * A leader of {@code term} reports {@code commit}; its disk tells the committed
     * entries' terms.
     */
    void onCommitKnown(long term, long commit, SimDisk disk) {
        while (this.committedMax < commit) {
            long index = this.committedMax + 1;
            grow(index);
            this.commitTerm[(int) index] = term;
            this.committedEntryTerm[(int) index] = Math.max(0, disk.term(index));
            this.committedMax = index;
        }
    }

    void onStored(long nodeId, Entry entry, long prefix) {
        long key = (entry.index() << 24) | entry.term();
        Long known = this.prefixByIndexAndTerm.putIfAbsent(key, prefix);
        if (known != null && known != prefix) {
            throw new SimulationFailure("log matching: node " + nodeId + " stores entry " + entry
                    + " whose prefix differs from another node's entry with the same index and term");
        }
    }

    void onApplied(long nodeId, Entry entry) {
        int i = (int) entry.index();
        grow(i);
        long hash = entryHash(entry);
        if (entry.index() <= this.appliedMax && this.appliedTerm[i] != 0) {
            if (this.appliedTerm[i] != entry.term() || this.appliedHash[i] != hash) {
                throw new SimulationFailure("state machine safety: node " + nodeId + " applies " + entry
                        + " at an index where term " + this.appliedTerm[i] + " was applied");
            }
            return;
        }
        this.appliedTerm[i] = entry.term();
        this.appliedHash[i] = hash;
        long previous = (i > 1 && this.appliedTerm[i - 1] != 0) ? this.appliedPrefix[i - 1] : 0;
        this.appliedPrefix[i] = prefixHash(previous, entry);
        this.appliedMax = Math.max(this.appliedMax, i);
        if (this.committedEntryTerm[i] > 0 && this.committedEntryTerm[i] != entry.term()) {
            throw new SimulationFailure("state machine safety: node " + nodeId + " applies " + entry + " but term "
                    + this.committedEntryTerm[i] + " was committed there");
        }
    }

    /**
     * @return the prefix hash of the applied log up to {@code index}, the base of a
     * snapshot
     */
    long appliedPrefix(long index) {
        return (index == 0) ? 0 : this.appliedPrefix[(int) index];
    }

    long committedMax() {
        return this.committedMax;
    }

    private void grow(long index) {
        if (index >= this.appliedTerm.length) {
            int size = (int) Math.max(index + 1, this.appliedTerm.length * 2L);
            this.appliedTerm = Arrays.copyOf(this.appliedTerm, size);
            this.appliedHash = Arrays.copyOf(this.appliedHash, size);
            this.appliedPrefix = Arrays.copyOf(this.appliedPrefix, size);
            this.commitTerm = Arrays.copyOf(this.commitTerm, size);
            this.committedEntryTerm = Arrays.copyOf(this.committedEntryTerm, size);
        }
    }

}
