package dev.distsys.coordination.server.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.HardState;
import dev.distsys.coordination.raft.Ready;
import dev.distsys.coordination.raft.Snapshot;
import dev.distsys.coordination.raft.storage.FileHardStateStore;
import dev.distsys.coordination.raft.storage.FileSnapshotStore;
import dev.distsys.coordination.raft.storage.SegmentedLogStore;

/**
 * A member's durable state under its data directory: {@code wal/} (segmented log, one
 * fsync per Ready: group commit), {@code state/} (term and vote) and {@code snapshot/}.
 */
final class RaftStorage implements AutoCloseable {

    private static final long SEGMENT_BYTES = 64L << 20;

    private final Path walDir;

    private SegmentedLogStore log;

    private final FileHardStateStore hardState;

    private final FileSnapshotStore snapshots;

    RaftStorage(Path dataDir) {
        this.walDir = dataDir.resolve("wal");
        this.log = SegmentedLogStore.open(this.walDir, SEGMENT_BYTES);
        this.hardState = new FileHardStateStore(dataDir.resolve("state"));
        this.snapshots = new FileSnapshotStore(dataDir.resolve("snapshot"));
    }

    boolean isEmpty() {
        return this.log.lastIndex() == 0 && this.hardState.load().equals(HardState.EMPTY)
                && this.snapshots.load().isEmpty();
    }

    HardState hardState() {
        return this.hardState.load();
    }

    Optional<Snapshot> snapshot() {
        return this.snapshots.load();
    }

    /**
     * @return the stored entries after {@code index}, in order
     */
    List<Entry> entriesAfter(long index) {
        long from = Math.max(index + 1, this.log.firstIndex());
        if (from > this.log.lastIndex()) {
            return List.of();
        }
        return this.log.entries(from, this.log.lastIndex());
    }

    /**
     * Makes a Ready durable in the order its contract asks: snapshot, entries, one fsync,
     * then the hard state.
     * @return whether an fsync of the log happened
     */
    boolean persist(Ready ready) {
        if (ready.snapshot() != null) {
            installSnapshot(ready.snapshot());
        }
        boolean synced = false;
        if (!ready.entries().isEmpty()) {
            this.log.append(ready.entries());
            this.log.sync();
            synced = true;
        }
        if (ready.hardState() != null) {
            this.hardState.save(ready.hardState());
        }
        return synced;
    }

    /** Saves a snapshot this member took of its own state and drops the log it covers. */
    void saveOwnSnapshot(Snapshot snapshot) {
        this.snapshots.save(snapshot);
        this.log.compact(snapshot.index());
    }

    /**
     * A snapshot from the leader. If the log does not reach it or disagrees at its index,
     * the whole log is discarded: the log store cannot hold a gap, and entries after a
     * conflicting index are not the leader's.
     */
    private void installSnapshot(Snapshot snapshot) {
        this.snapshots.save(snapshot);
        boolean matches = this.log.lastIndex() >= snapshot.index() && snapshot.index() >= this.log.firstIndex()
                && this.log.entries(snapshot.index(), snapshot.index()).get(0).term() == snapshot.term();
        if (matches) {
            this.log.compact(snapshot.index());
            return;
        }
        this.log.close();
        try (Stream<Path> files = Files.list(this.walDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot reset " + this.walDir, ex);
        }
        this.log = SegmentedLogStore.open(this.walDir, SEGMENT_BYTES);
    }

    @Override
    public void close() {
        this.log.close();
    }

}
