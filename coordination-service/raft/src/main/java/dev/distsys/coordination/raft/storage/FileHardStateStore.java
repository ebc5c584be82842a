package dev.distsys.coordination.raft.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import dev.distsys.coordination.raft.HardState;

/** Hard state in one small file, replaced atomically on every save. */
public final class FileHardStateStore implements HardStateStore {

    private static final String NAME = "hardstate";

    private static final int VERSION = 1;

    private final Path dir;

    public FileHardStateStore(Path dir) {
        this.dir = dir;
        AtomicFiles.createDirectories(dir);
    }

    @Override
    public HardState load() {
        byte[] payload = AtomicFiles.read(this.dir, NAME);
        if (payload == null) {
            return HardState.EMPTY;
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        if (payload.length != 28 || buffer.getInt() != VERSION) {
            throw new StorageException(this.dir.resolve(NAME) + " has an unknown format");
        }
        return new HardState(buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    @Override
    public void save(HardState hardState) {
        ByteBuffer buffer = ByteBuffer.allocate(28);
        buffer.putInt(VERSION).putLong(hardState.term()).putLong(hardState.vote()).putLong(hardState.commit());
        AtomicFiles.write(this.dir, NAME, buffer.array());
    }

}
