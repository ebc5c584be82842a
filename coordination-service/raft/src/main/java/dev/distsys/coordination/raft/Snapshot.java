package dev.distsys.coordination.raft;

import java.util.Objects;

/**
 * The application state up to and including {@code index}, with the configuration in
 * force there.
 *
 * @param index last log index the state covers
 * @param term term of that entry
 * @param membership configuration at {@code index}
 * @param data the application's serialized state (owned by the snapshot; do not mutate)
 */
public record Snapshot(long index, long term, Membership membership, byte[] data) {

    public Snapshot {
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException("index and term are non-negative");
        }
        Objects.requireNonNull(membership, "membership");
        data = (data != null) ? data : new byte[0];
    }

    @Override
    public String toString() {
        return "Snapshot[" + this.index + "/" + this.term + " " + this.membership + " " + this.data.length + "B]";
    }

}
