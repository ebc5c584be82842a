package dev.distsys.coordination.raft.storage;

import java.util.List;

import dev.distsys.coordination.raft.Entry;

/**
 * Durable log entries. Contract:
 * <ul>
 * <li>{@link #append(List)} adds consecutive entries; if the first one's index is at or
 * below {@link #lastIndex()}, the stored suffix from that index is replaced (a follower
 * resolving a conflict). Appended entries may be lost in a crash until {@link #sync()}
 * returns.</li>
 * <li>{@link #sync()} makes every earlier append durable, with one fsync for the whole
 * batch (group commit). The driver calls it before it sends the messages of the same
 * Ready.</li>
 * <li>After a crash, the store holds a prefix of what was appended, including everything
 * synced.</li>
 * <li>Errors are {@link StorageException}s; after one, the node must stop: its durable
 * state is unknown.</li>
 * </ul>
 */
public interface LogStore extends AutoCloseable {

    void append(List<Entry> entries);

    void sync();

    /**
     * @return the first stored index, or {@code lastIndex() + 1} when empty
     */
    long firstIndex();

    /**
     * @return the last stored index, or {@code firstIndex() - 1} when empty
     */
    long lastIndex();

    /**
     * @return the entries in {@code [from, to]}, which must be stored
     */
    List<Entry> entries(long from, long to);

    /**
     * Discards entries up to and including {@code index}, which a durable snapshot
     * covers. May keep some of them (segments are deleted whole).
     */
    void compact(long index);

    /**
     * Discards every entry and continues after {@code index}: the next append starts at
     * {@code index + 1}. Called after a snapshot received from the leader is saved,
     * because the stored entries need not continue that snapshot.
     * @param index the installed snapshot's index
     */
    void reset(long index);

    @Override
    void close();

}
