package dev.distsys.coordination.raft.internal;

import java.io.ByteArrayOutputStream;

import dev.distsys.coordination.raft.Message.SnapshotChunk;
import dev.distsys.coordination.raft.Snapshot;

/**
 * Reassembles InstallSnapshot chunks (Raft Figure 13): chunks must arrive in order;
 * anything else is answered with the offset expected, so a lost or duplicated chunk costs
 * one round trip.
 */
public final class SnapshotReceiver {

    private final int maxSnapshotBytes;

    private long term = -1;

    private long index = -1;

    private ByteArrayOutputStream buffer;

    public SnapshotReceiver(int maxSnapshotBytes) {
        this.maxSnapshotBytes = maxSnapshotBytes;
    }

    /**
     * @return the offset expected next for this chunk's snapshot
     */
    public long expectedOffset(SnapshotChunk chunk) {
        return (this.buffer != null && chunk.term() == this.term && chunk.snapshotIndex() == this.index)
                ? this.buffer.size() : 0;
    }

    /**
     * @param chunk the received chunk
     * @return the complete snapshot when this chunk was the last one in order, else null
     */
    public Snapshot accept(SnapshotChunk chunk) {
        if (chunk.totalBytes() > this.maxSnapshotBytes || chunk.totalBytes() < 0) {
            throw new IllegalArgumentException(
                    "snapshot of " + chunk.totalBytes() + " bytes exceeds maxSnapshotBytes " + this.maxSnapshotBytes);
        }
        if (chunk.offset() == 0) {
            this.term = chunk.term();
            this.index = chunk.snapshotIndex();
            this.buffer = new ByteArrayOutputStream((int) Math.min(chunk.totalBytes(), 1 << 20));
        }
        if (chunk.offset() != expectedOffset(chunk) || this.buffer == null
                || this.buffer.size() + chunk.data().length > chunk.totalBytes()) {
            return null;
        }
        this.buffer.writeBytes(chunk.data());
        if (!chunk.last()) {
            return null;
        }
        if (this.buffer.size() != chunk.totalBytes()) {
            reset();
            return null;
        }
        Snapshot snapshot = new Snapshot(chunk.snapshotIndex(), chunk.snapshotTerm(), chunk.membership(),
                this.buffer.toByteArray());
        reset();
        return snapshot;
    }

    public void reset() {
        this.buffer = null;
        this.term = -1;
        this.index = -1;
    }

}
