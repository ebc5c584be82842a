package dev.distsys.coordination.raft;

import java.util.Arrays;
import java.util.Objects;

/**
 * One log entry. The data array is owned by the entry once created: callers must not
 * mutate it.
 *
 * @param index position in the log, from 1
 * @param term term of the leader that created it
 * @param type what the data means
 * @param data the command (empty for a no-op), or an encoded {@link Membership}
 */
public record Entry(long index, long term, EntryType type, byte[] data) {

    private static final byte[] EMPTY = new byte[0];

    public Entry {
        if (index < 1 || term < 1) {
            throw new IllegalArgumentException("index and term start at 1: " + index + "/" + term);
        }
        Objects.requireNonNull(type, "type");
        data = (data != null) ? data : EMPTY;
    }

    public static Entry normal(long index, long term, byte[] data) {
        return new Entry(index, term, EntryType.NORMAL, data);
    }

    public static Entry config(long index, long term, Membership membership) {
        return new Entry(index, term, EntryType.CONFIG, membership.toBytes());
    }

    /**
     * @return whether this is the empty entry a leader appends at the start of its term
     */
    public boolean isNoop() {
        return this.type == EntryType.NORMAL && this.data.length == 0;
    }

    /**
     * @return bytes this entry counts against size limits
     */
    public int sizeBytes() {
        return this.data.length + 17;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Entry e && e.index == this.index && e.term == this.term && e.type == this.type
                && Arrays.equals(e.data, this.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.index, this.term, this.type) * 31 + Arrays.hashCode(this.data);
    }

    @Override
    public String toString() {
        return this.index + "/" + this.term + (this.type == EntryType.CONFIG ? " " + Membership.fromBytes(this.data)
                : (isNoop() ? " noop" : " " + this.data.length + "B"));
    }

}
