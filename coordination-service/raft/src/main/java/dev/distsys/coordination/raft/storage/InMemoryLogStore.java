package dev.distsys.coordination.raft.storage;

import java.util.ArrayList;
import java.util.List;

import dev.distsys.coordination.raft.Entry;

/**
 * A {@link LogStore} in memory, where every append counts as synced. For tests and
 * benchmarks.
 */
public final class InMemoryLogStore implements LogStore {

    private final ArrayList<Entry> entries = new ArrayList<>();

    private long first = 1;

    @Override
    public void append(List<Entry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long start = batch.get(0).index();
        if (start > lastIndex() + 1 || start < this.first) {
            throw new StorageException(
                    "append at " + start + " does not follow [" + this.first + ", " + lastIndex() + "]");
        }
        this.entries.subList((int) (start - this.first), this.entries.size()).clear();
        this.entries.addAll(batch);
    }

    @Override
    public void sync() {
    }

    @Override
    public long firstIndex() {
        return this.first;
    }

    @Override
    public long lastIndex() {
        return this.first + this.entries.size() - 1;
    }

    @Override
    public List<Entry> entries(long from, long to) {
        if (from < this.first || to > lastIndex()) {
            throw new StorageException(
                    "entries [" + from + ", " + to + "] outside [" + this.first + ", " + lastIndex() + "]");
        }
        return List.copyOf(this.entries.subList((int) (from - this.first), (int) (to - this.first + 1)));
    }

    @Override
    public void compact(long index) {
        if (index < this.first) {
            return;
        }
        if (index > lastIndex()) {
            this.entries.clear();
        }
        else {
            this.entries.subList(0, (int) (index - this.first + 1)).clear();
        }
        this.first = index + 1;
    }

    @Override
    public void reset(long index) {
        this.entries.clear();
        this.first = index + 1;
    }

    @Override
    public void close() {
    }

}
