package dev.distsys.coordination.raft.internal;

import java.util.ArrayList;
import java.util.List;

import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.EntryType;
import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.Snapshot;

/**
 * The node's view of its log: the latest snapshot followed by the entries after it, with
 * the commit and applied positions and the configuration history. Durable copies live in
 * the driver's storage; this view tells the driver which suffix is not yet handed out for
 * persisting.
 */
public final class RaftLog {

    private Snapshot snapshot;

    private final ArrayList<Entry> entries = new ArrayList<>();

    private final ArrayList<Entry> configEntries = new ArrayList<>();

    private long commit;

    private long applied;

    private long unstableFrom;

    private long persisted;

    public RaftLog(Snapshot snapshot, List<Entry> stored, long commit) {
        this.snapshot = snapshot;
        long expected = snapshot.index() + 1;
        // A crash between saving a leader's snapshot and resetting the log leaves entries
        // that do
        // not continue the snapshot; keeping them could break Log Matching, so they go.
        boolean continuesSnapshot = stored.stream()
            .noneMatch((e) -> e.index() == snapshot.index() && e.term() != snapshot.term());
        for (Entry entry : continuesSnapshot ? stored : List.<Entry>of()) {
            if (entry.index() < expected) {
                continue;
            }
            if (entry.index() != expected) {
                throw new IllegalStateException("stored log has a gap before index " + entry.index());
            }
            add(entry);
            expected++;
        }
        this.commit = Math.min(Math.max(commit, snapshot.index()), lastIndex());
        this.applied = snapshot.index();
        this.unstableFrom = lastIndex() + 1;
        this.persisted = lastIndex();
    }

    /**
     * @return the last index the driver confirmed durable (what a leader may count for
     * itself)
     */
    public long persisted() {
        return this.persisted;
    }

    /**
     * The driver made entries durable up to this one (ignored if it was since replaced).
     */
    public void markPersisted(long index, long term) {
        if (term(index) == term && index > this.persisted) {
            this.persisted = index;
        }
    }

    public long firstIndex() {
        return this.snapshot.index() + 1;
    }

    public long lastIndex() {
        return this.snapshot.index() + this.entries.size();
    }

    public long lastTerm() {
        return this.entries.isEmpty() ? this.snapshot.term() : this.entries.get(this.entries.size() - 1).term();
    }

    public Snapshot snapshot() {
        return this.snapshot;
    }

    public long commit() {
        return this.commit;
    }

    public long applied() {
        return this.applied;
    }

    /**
     * @param index a log position
     * @return its term, or -1 if compacted or beyond the end
     */
    public long term(long index) {
        if (index == this.snapshot.index()) {
            return this.snapshot.term();
        }
        if (index < this.snapshot.index() || index > lastIndex()) {
            return -1;
        }
        return entry(index).term();
    }

    public Entry entry(long index) {
        return this.entries.get((int) (index - firstIndex()));
    }

    public boolean matchTerm(long index, long term) {
        return term(index) == term;
    }

    /** Raft §5.4.1: a candidate's log is at least as up to date as ours. */
    public boolean isUpToDate(long lastIndex, long lastTerm) {
        return lastTerm > lastTerm() || (lastTerm == lastTerm() && lastIndex >= lastIndex());
    }

    /**
     * @return the configuration in force: the latest in the log, appended or not (§4.1)
     */
    public Membership membership() {
        return this.configEntries.isEmpty() ? this.snapshot.membership()
                : Membership.fromBytes(this.configEntries.get(this.configEntries.size() - 1).data());
    }

    /**
     * @return the configuration in force at {@code index}, which must not be compacted
     */
    public Membership membershipAt(long index) {
        for (int i = this.configEntries.size() - 1; i >= 0; i--) {
            if (this.configEntries.get(i).index() <= index) {
                return Membership.fromBytes(this.configEntries.get(i).data());
            }
        }
        return this.snapshot.membership();
    }

    public long lastConfigIndex() {
        return this.configEntries.isEmpty() ? 0 : this.configEntries.get(this.configEntries.size() - 1).index();
    }

    /** Leader append: entries follow the last one. */
    public void append(Entry entry) {
        if (entry.index() != lastIndex() + 1) {
            throw new IllegalStateException("append at " + entry.index() + " after " + lastIndex());
        }
        add(entry);
    }

    private void add(Entry entry) {
        this.entries.add(entry);
        if (entry.type() == EntryType.CONFIG) {
            this.configEntries.add(entry);
        }
    }

    /**
     * Follower append after the consistency check passed at {@code prevIndex}. Deletes
     * the suffix only from the first entry whose term differs, so that a stale, reordered
     * AppendEntries never removes entries it merely omits (Raft Figure 2 rule 3; etcd
     * raft's findConflict).
     * @param incoming entries following prevIndex
     * @param truncateAlways the {@code TRUNCATE_WITHOUT_CONFLICT} fault
     * @return the last index known to match the leader
     */
    public long appendFromLeader(List<Entry> incoming, boolean truncateAlways) {
        for (int i = 0; i < incoming.size(); i++) {
            Entry entry = incoming.get(i);
            if (entry.index() <= this.snapshot.index()) {
                continue;
            }
            long existing = term(entry.index());
            if (existing == entry.term()) {
                continue;
            }
            if (existing != -1) {
                truncateFrom(entry.index());
            }
            for (int j = i; j < incoming.size(); j++) {
                add(incoming.get(j));
            }
            break;
        }
        if (truncateAlways && !incoming.isEmpty()) {
            long end = incoming.get(incoming.size() - 1).index();
            if (end < lastIndex() && end >= this.commit) {
                truncateFrom(end + 1);
            }
        }
        return incoming.isEmpty() ? -1 : incoming.get(incoming.size() - 1).index();
    }

    private void truncateFrom(long index) {
        if (index <= this.commit) {
            throw new IllegalStateException("refusing to truncate committed entry " + index + " (commit " + this.commit
                    + "): the leader's log does not contain a committed entry");
        }
        int keep = (int) (index - firstIndex());
        this.entries.subList(keep, this.entries.size()).clear();
        this.configEntries.removeIf((e) -> e.index() >= index);
        this.unstableFrom = Math.min(this.unstableFrom, index);
        this.persisted = Math.min(this.persisted, index - 1);
    }

    /**
     * The conflict hint for a rejected AppendEntries at {@code index} (dissertation §5.3
     * fast back-tracking): the first index of our term there, so the leader can skip a
     * whole term at once.
     */
    public long[] conflictHint(long index) {
        if (index > lastIndex()) {
            return new long[] { lastIndex() + 1, 0 };
        }
        long conflictTerm = term(index);
        long first = index;
        while (first - 1 > this.commit && term(first - 1) == conflictTerm) {
            first--;
        }
        return new long[] { first, conflictTerm };
    }

    /**
     * @return the last index of {@code term} in this log at or below {@code max}, or -1
     */
    public long lastIndexOfTerm(long term, long max) {
        for (long i = Math.min(max, lastIndex()); i > this.snapshot.index(); i--) {
            long t = term(i);
            if (t == term) {
                return i;
            }
            if (t < term) {
                return -1;
            }
        }
        return -1;
    }

    public boolean commitTo(long index) {
        long target = Math.min(index, lastIndex());
        if (target > this.commit) {
            this.commit = target;
            return true;
        }
        return false;
    }

    /**
     * @return entries in [from, …] bounded by count and bytes (at least one if any
     * exists)
     */
    public List<Entry> slice(long from, int maxCount, long maxBytes) {
        List<Entry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i <= lastIndex() && out.size() < maxCount; i++) {
            Entry entry = entry(i);
            bytes += entry.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(entry);
        }
        return out;
    }

    public boolean hasUnstable() {
        return this.unstableFrom <= lastIndex();
    }

    /** Hands out the entries not yet given to the driver for persisting. */
    public List<Entry> takeUnstable() {
        if (!hasUnstable()) {
            return List.of();
        }
        List<Entry> out = List
            .copyOf(this.entries.subList((int) (this.unstableFrom - firstIndex()), this.entries.size()));
        this.unstableFrom = lastIndex() + 1;
        return out;
    }

    public boolean hasCommittedToApply() {
        return this.commit > this.applied;
    }

    /**
     * Hands out committed entries to apply, bounded by bytes. They may be in the same
     * Ready as their own persisting: the driver persists before it applies.
     */
    public List<Entry> takeCommitted(long maxBytes) {
        long end = this.commit;
        if (end <= this.applied) {
            return List.of();
        }
        List<Entry> out = slice(this.applied + 1, Integer.MAX_VALUE, maxBytes);
        while (!out.isEmpty() && out.get(out.size() - 1).index() > end) {
            out.remove(out.size() - 1);
        }
        if (!out.isEmpty()) {
            this.applied = out.get(out.size() - 1).index();
        }
        return out;
    }

    /** Drops entries up to {@code snapshot.index()}, which must be applied. */
    public void compact(Snapshot newSnapshot) {
        long index = newSnapshot.index();
        if (index <= this.snapshot.index()) {
            return;
        }
        if (index > this.applied) {
            throw new IllegalStateException("cannot compact past applied index " + this.applied + ": " + index);
        }
        int drop = (int) (index - firstIndex() + 1);
        this.entries.subList(0, drop).clear();
        this.configEntries.removeIf((e) -> e.index() <= index);
        this.snapshot = newSnapshot;
    }

    /**
     * Replaces the whole log by a snapshot received from the leader (Raft Figure 13 step
     * 7).
     */
    public void restore(Snapshot newSnapshot) {
        this.entries.clear();
        this.configEntries.clear();
        this.snapshot = newSnapshot;
        this.commit = newSnapshot.index();
        this.applied = newSnapshot.index();
        this.unstableFrom = newSnapshot.index() + 1;
        this.persisted = newSnapshot.index();
    }

}
