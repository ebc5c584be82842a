package dev.distsys.coordination.raft.codec;

import dev.distsys.coordination.raft.Message;

/** Wire codes of message types; codes are never reused. */
enum MessageType {

    VOTE_REQUEST(1), VOTE_RESPONSE(2), APPEND_REQUEST(3), APPEND_RESPONSE(4), HEARTBEAT(5), HEARTBEAT_RESPONSE(6),
    SNAPSHOT_CHUNK(7), SNAPSHOT_RESPONSE(8), TIMEOUT_NOW(9);

    private final byte code;

    MessageType(int code) {
        this.code = (byte) code;
    }

    byte code() {
        return this.code;
    }

    static MessageType of(Message message) {
        return switch (message) {
            case Message.VoteRequest m -> VOTE_REQUEST;
            case Message.VoteResponse m -> VOTE_RESPONSE;
            case Message.AppendRequest m -> APPEND_REQUEST;
            case Message.AppendResponse m -> APPEND_RESPONSE;
            case Message.Heartbeat m -> HEARTBEAT;
            case Message.HeartbeatResponse m -> HEARTBEAT_RESPONSE;
            case Message.SnapshotChunk m -> SNAPSHOT_CHUNK;
            case Message.SnapshotResponse m -> SNAPSHOT_RESPONSE;
            case Message.TimeoutNow m -> TIMEOUT_NOW;
        };
    }

    static MessageType ofCode(byte code) {
        for (MessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new CodecException("unknown message type " + code);
    }

}
