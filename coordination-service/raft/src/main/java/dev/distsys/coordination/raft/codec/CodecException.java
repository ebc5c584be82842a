package dev.distsys.coordination.raft.codec;

/**
 * Input is not a valid encoded message: truncated, oversized, of an unknown version or
 * type.
 */
public class CodecException extends RuntimeException {

    public CodecException(String message) {
        super(message);
    }

}
