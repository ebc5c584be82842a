package dev.distsys.coordination.raft.storage;

import java.nio.file.Path;

/**
 * A record in the middle of the write-ahead log is damaged. Unlike a torn tail (a crash
 * during the last write, repaired by truncation), this means acknowledged data is lost:
 * the node refuses to start rather than silently forget entries it may have voted or
 * acknowledged with.
 */
public class CorruptLogException extends StorageException {

    private final Path file;

    private final long offset;

    public CorruptLogException(Path file, long offset, String detail) {
        super("corrupt write-ahead log record in " + file + " at offset " + offset + ": " + detail
                + "; refusing to start (restore this member from a snapshot or re-add it as a new member)");
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return this.file;
    }

    public long offset() {
        return this.offset;
    }

}
