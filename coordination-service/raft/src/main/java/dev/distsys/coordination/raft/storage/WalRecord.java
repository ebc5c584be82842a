package dev.distsys.coordination.raft.storage;

import java.nio.ByteBuffer;

import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.EntryType;

/**
 * One write-ahead log record:
 * {@code [payload length:int][CRC32C of payload:int][payload]} with payload
 * {@code [index:long][term:long][type:byte][data]}. The checksum lets recovery tell a
 * torn or damaged record from a good one.
 */
final class WalRecord {

    static final int HEADER_BYTES = 8;

    static final int FIXED_PAYLOAD_BYTES = 17;

    /**
     * Bound on one record, so a damaged length field cannot make recovery allocate
     * gigabytes.
     */
    static final int MAX_PAYLOAD_BYTES = 64 << 20;

    private WalRecord() {
    }

    static int size(Entry entry) {
        return HEADER_BYTES + FIXED_PAYLOAD_BYTES + entry.data().length;
    }

    static void write(ByteBuffer out, Entry entry) {
        int start = out.position();
        int payloadLength = FIXED_PAYLOAD_BYTES + entry.data().length;
        out.putInt(payloadLength).putInt(0);
        out.putLong(entry.index()).putLong(entry.term()).put((byte) entry.type().ordinal()).put(entry.data());
        int crc = AtomicFiles.crc(out.array(), out.arrayOffset() + start + HEADER_BYTES, payloadLength);
        out.putInt(start + 4, crc);
    }

    /**
     * Decodes the record at {@code offset} of {@code bytes}.
     * @return the entry, or null if the record is incomplete, has an impossible length or
     * fails its checksum
     */
    static Entry read(byte[] bytes, int offset, int limit) {
        if (limit - offset < HEADER_BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, limit - offset);
        int length = buffer.getInt();
        int crc = buffer.getInt();
        if (length < FIXED_PAYLOAD_BYTES || length > MAX_PAYLOAD_BYTES || length > limit - offset - HEADER_BYTES) {
            return null;
        }
        if (AtomicFiles.crc(bytes, offset + HEADER_BYTES, length) != crc) {
            return null;
        }
        long index = buffer.getLong();
        long term = buffer.getLong();
        int type = buffer.get();
        if (index < 1 || term < 1 || type < 0 || type >= EntryType.values().length) {
            return null;
        }
        byte[] data = new byte[length - FIXED_PAYLOAD_BYTES];
        buffer.get(data);
        return new Entry(index, term, EntryType.values()[type], data);
    }

}
