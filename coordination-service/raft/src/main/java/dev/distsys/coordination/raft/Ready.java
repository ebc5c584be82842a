package dev.distsys.coordination.raft;

import java.util.List;

/**
 * One batch of work for the driver. Process it in this order, then call
 * {@link RaftNode#advance(Ready)}:
 * <ol>
 * <li>persist {@link #snapshot()} if present, then discard the stored log
 * ({@code LogStore.reset(snapshot.index())}: it need not continue the snapshot); append
 * {@link #entries()} (replacing any stored entries from the first one's index on), fsync;
 * then persist {@link #hardState()} if present;</li>
 * <li>only then send {@link #messages()} (persist before you speak: Raft Figure 2);</li>
 * <li>restore the state machine from {@link #snapshot()} if present, then apply
 * {@link #committedEntries()} in order, and answer {@link #readStates()} once applied up
 * to their index.</li>
 * </ol>
 *
 * @param hardState term, vote and commit to persist, or null if unchanged
 * @param entries entries to append durably
 * @param snapshot a snapshot received from the leader, to persist and install, or null
 * @param messages messages to send after persisting
 * @param committedEntries entries to apply
 * @param readStates confirmed reads
 */
public record Ready(HardState hardState, List<Entry> entries, Snapshot snapshot, List<Message> messages,
        List<Entry> committedEntries, List<ReadState> readStates) {

    public Ready {
        entries = List.copyOf(entries);
        messages = List.copyOf(messages);
        committedEntries = List.copyOf(committedEntries);
        readStates = List.copyOf(readStates);
    }

    /**
     * @return whether something must be fsynced before the messages go out
     */
    public boolean mustSync() {
        return this.hardState != null || !this.entries.isEmpty() || this.snapshot != null;
    }

}
