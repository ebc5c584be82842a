package dev.distsys.coordination.raft.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.EntryType;
import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.Message;
import dev.distsys.coordination.raft.Message.AppendRequest;
import dev.distsys.coordination.raft.Message.AppendResponse;
import dev.distsys.coordination.raft.Message.Heartbeat;
import dev.distsys.coordination.raft.Message.HeartbeatResponse;
import dev.distsys.coordination.raft.Message.SnapshotChunk;
import dev.distsys.coordination.raft.Message.SnapshotResponse;
import dev.distsys.coordination.raft.Message.TimeoutNow;
import dev.distsys.coordination.raft.Message.VoteRequest;
import dev.distsys.coordination.raft.Message.VoteResponse;

/**
 * The versioned binary form of every {@link Message}:
 * {@code [magic 'R'][version][type][from][to]
 * [term]} then the type's fields, big-endian. Variable-length fields carry their length,
 * and every length is checked against the bytes actually remaining before anything is
 * allocated, so a forged length fails with {@link CodecException} instead of exhausting
 * memory. The transport frames the result; this class does no I/O.
 */
public final class MessageCodec {

    /** Current format version; decoders reject others rather than guess. */
    public static final byte VERSION = 1;

    private static final byte MAGIC = 'R';

    private static final int HEADER_BYTES = 3 + 24;

    private static final int ENTRY_FIXED_BYTES = 8 + 8 + 1 + 4;

    private final int maxMessageBytes;

    /**
     * @param maxMessageBytes largest message accepted or produced; match the transport's
     * frame limit
     */
    public MessageCodec(int maxMessageBytes) {
        if (maxMessageBytes < HEADER_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be at least " + HEADER_BYTES);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    public static MessageCodec ofDefaults() {
        return new MessageCodec(16 << 20);
    }

    public byte[] encode(Message message) {
        ByteBuffer out = ByteBuffer.allocate(size(message));
        out.put(MAGIC).put(VERSION).put(MessageType.of(message).code());
        out.putLong(message.from()).putLong(message.to()).putLong(message.term());
        switch (message) {
            case VoteRequest m ->
                out.putLong(m.lastLogIndex()).putLong(m.lastLogTerm()).put(flags(m.preVote(), m.transfer()));
            case VoteResponse m -> out.put(flags(m.preVote(), m.granted()));
            case AppendRequest m -> {
                out.putLong(m.prevLogIndex()).putLong(m.prevLogTerm()).putLong(m.commit()).putInt(m.entries().size());
                for (Entry entry : m.entries()) {
                    out.putLong(entry.index()).putLong(entry.term()).put((byte) entry.type().ordinal());
                    out.putInt(entry.data().length).put(entry.data());
                }
            }
            case AppendResponse m -> out.put(flags(m.success(), false))
                .putLong(m.matchIndex())
                .putLong(m.rejectedIndex())
                .putLong(m.hintIndex())
                .putLong(m.hintTerm());
            case Heartbeat m -> out.putLong(m.commit()).putLong(m.readRound());
            case HeartbeatResponse m -> out.putLong(m.readRound());
            case SnapshotChunk m -> {
                byte[] membership = m.membership().toBytes();
                out.putLong(m.snapshotIndex()).putLong(m.snapshotTerm()).putInt(membership.length).put(membership);
                out.putLong(m.totalBytes()).putLong(m.offset()).put(flags(m.last(), false));
                out.putInt(m.data().length).put(m.data());
            }
            case SnapshotResponse m -> out.putLong(m.snapshotIndex())
                .putLong(m.nextOffset())
                .put(flags(m.installed(), false))
                .putLong(m.matchIndex());
            case TimeoutNow m -> {
            }
        }
        return out.array();
    }

    private int size(Message message) {
        long size = HEADER_BYTES + switch (message) {
            case VoteRequest m -> 17;
            case VoteResponse m -> 1;
            case AppendRequest m -> {
                long entries = 28;
                for (Entry entry : m.entries()) {
                    entries += ENTRY_FIXED_BYTES + entry.data().length;
                }
                yield entries;
            }
            case AppendResponse m -> 33;
            case Heartbeat m -> 16;
            case HeartbeatResponse m -> 8;
            case SnapshotChunk m -> 8 + 8 + 4 + m.membership().toBytes().length + 8 + 8 + 1 + 4 + m.data().length;
            case SnapshotResponse m -> 25;
            case TimeoutNow m -> 0;
        };
        if (size > this.maxMessageBytes) {
            throw new CodecException("message of " + size + " bytes exceeds maxMessageBytes " + this.maxMessageBytes
                    + "; lower RaftConfig.maxAppendBytes or snapshotChunkBytes");
        }
        return (int) size;
    }

    public Message decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes));
    }

    /**
     * Decodes exactly one message occupying all remaining bytes of {@code in}.
     * @param in the encoded message
     * @return the message
     * @throws CodecException if the input is not exactly one valid message
     */
    public Message decode(ByteBuffer in) {
        if (in.remaining() > this.maxMessageBytes) {
            throw new CodecException(in.remaining() + " bytes exceed maxMessageBytes " + this.maxMessageBytes);
        }
        try {
            Message message = decodeChecked(in);
            if (in.hasRemaining()) {
                throw new CodecException(
                        in.remaining() + " unexpected trailing bytes after " + message.getClass().getSimpleName());
            }
            return message;
        }
        catch (BufferUnderflowException ex) {
            throw new CodecException("message truncated");
        }
        catch (IllegalArgumentException ex) {
            throw new CodecException("invalid message: " + ex.getMessage());
        }
    }

    private Message decodeChecked(ByteBuffer in) {
        if (in.remaining() < HEADER_BYTES) {
            throw new CodecException("message of " + in.remaining() + " bytes is shorter than its header");
        }
        byte magic = in.get();
        if (magic != MAGIC) {
            throw new CodecException("bad magic byte " + magic);
        }
        byte version = in.get();
        if (version != VERSION) {
            throw new CodecException("unsupported codec version " + version + " (this node reads " + VERSION + ")");
        }
        MessageType type = MessageType.ofCode(in.get());
        long from = in.getLong();
        long to = in.getLong();
        long term = in.getLong();
        if (from < 0 || to < 0 || term < 0) {
            throw new CodecException("negative id or term");
        }
        return switch (type) {
            case VOTE_REQUEST -> {
                long lastIndex = in.getLong();
                long lastTerm = in.getLong();
                byte flags = in.get();
                yield new VoteRequest(from, to, term, lastIndex, lastTerm, bit(flags, 0), bit(flags, 1));
            }
            case VOTE_RESPONSE -> {
                byte flags = in.get();
                yield new VoteResponse(from, to, term, bit(flags, 0), bit(flags, 1));
            }
            case APPEND_REQUEST -> {
                long prevIndex = in.getLong();
                long prevTerm = in.getLong();
                long commit = in.getLong();
                int count = in.getInt();
                if (count < 0 || (long) count * ENTRY_FIXED_BYTES > in.remaining()) {
                    throw new CodecException("entry count " + count + " does not fit in " + in.remaining() + " bytes");
                }
                List<Entry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    long index = in.getLong();
                    long entryTerm = in.getLong();
                    int entryType = in.get();
                    if (entryType < 0 || entryType >= EntryType.values().length) {
                        throw new CodecException("unknown entry type " + entryType);
                    }
                    entries.add(new Entry(index, entryTerm, EntryType.values()[entryType], bytes(in)));
                }
                yield new AppendRequest(from, to, term, prevIndex, prevTerm, entries, commit);
            }
            case APPEND_RESPONSE -> {
                byte flags = in.get();
                yield new AppendResponse(from, to, term, bit(flags, 0), in.getLong(), in.getLong(), in.getLong(),
                        in.getLong());
            }
            case HEARTBEAT -> new Heartbeat(from, to, term, in.getLong(), in.getLong());
            case HEARTBEAT_RESPONSE -> new HeartbeatResponse(from, to, term, in.getLong());
            case SNAPSHOT_CHUNK -> {
                long index = in.getLong();
                long snapshotTerm = in.getLong();
                Membership membership = Membership.fromBytes(bytes(in));
                long total = in.getLong();
                long offset = in.getLong();
                boolean last = bit(in.get(), 0);
                byte[] data = bytes(in);
                if (total < 0 || offset < 0 || offset + data.length > total) {
                    throw new CodecException(
                            "chunk [" + offset + ", +" + data.length + ") outside snapshot of " + total);
                }
                yield new SnapshotChunk(from, to, term, index, snapshotTerm, membership, total, offset, data, last);
            }
            case SNAPSHOT_RESPONSE -> {
                long index = in.getLong();
                long nextOffset = in.getLong();
                boolean installed = bit(in.get(), 0);
                yield new SnapshotResponse(from, to, term, index, nextOffset, installed, in.getLong());
            }
            case TIMEOUT_NOW -> new TimeoutNow(from, to, term);
        };
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new CodecException("length " + length + " exceeds the " + in.remaining() + " bytes remaining");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static byte flags(boolean first, boolean second) {
        return (byte) ((first ? 1 : 0) | (second ? 2 : 0));
    }

    private static boolean bit(byte flags, int bit) {
        if ((flags & ~3) != 0) {
            throw new CodecException("unknown flag bits " + flags);
        }
        return (flags & (1 << bit)) != 0;
    }

}
