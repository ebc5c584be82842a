package dev.distsys.coordination.raft.storage;

/** Durable state could not be read or written; the node must stop. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }

}
