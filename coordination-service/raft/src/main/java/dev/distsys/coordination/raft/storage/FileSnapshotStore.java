package dev.distsys.coordination.raft.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.Snapshot;

/**
 * The latest snapshot in one file, replaced atomically. Held in memory whole, like the
 * core holds it: size it with {@code RaftConfig.maxSnapshotBytes}.
 */
public final class FileSnapshotStore implements SnapshotStore {

    private static final String NAME = "snapshot";

    private static final int VERSION = 1;

    private final Path dir;

    public FileSnapshotStore(Path dir) {
        this.dir = dir;
        AtomicFiles.createDirectories(dir);
    }

    @Override
    public Optional<Snapshot> load() {
        byte[] payload = AtomicFiles.read(this.dir, NAME);
        if (payload == null) {
            return Optional.empty();
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            if (buffer.getInt() != VERSION) {
                throw new StorageException(this.dir.resolve(NAME) + " has an unknown format version");
            }
            long index = buffer.getLong();
            long term = buffer.getLong();
            byte[] membership = new byte[buffer.getInt()];
            buffer.get(membership);
            byte[] data = new byte[buffer.getInt()];
            buffer.get(data);
            return Optional.of(new Snapshot(index, term, Membership.fromBytes(membership), data));
        }
        catch (RuntimeException ex) {
            throw new StorageException(this.dir.resolve(NAME) + " is malformed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void save(Snapshot snapshot) {
        byte[] membership = snapshot.membership().toBytes();
        ByteBuffer buffer = ByteBuffer.allocate(4 + 16 + 4 + membership.length + 4 + snapshot.data().length);
        buffer.putInt(VERSION).putLong(snapshot.index()).putLong(snapshot.term());
        buffer.putInt(membership.length).put(membership).putInt(snapshot.data().length).put(snapshot.data());
        AtomicFiles.write(this.dir, NAME, buffer.array());
    }

}
