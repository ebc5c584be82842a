package dev.distsys.coordination.raft.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import dev.distsys.coordination.raft.Entry;

/** One segment file and the offsets of its records. */
final class Segment {

    private final Path path;

    private final FileChannel channel;

    private final long first;

    private final ArrayList<Long> offsets = new ArrayList<>();

    private long size;

    private Segment(Path path, FileChannel channel, long first) {
        this.path = path;
        this.channel = channel;
        this.first = first;
    }

    static Segment create(Path dir, long first) {
        Path path = dir.resolve(String.format("wal-%020d.log", first));
        try {
            return new Segment(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), first);
        }
        catch (IOException ex) {
            throw new StorageException("cannot create " + path, ex);
        }
    }

    static Segment recover(Path path, boolean last, long expectedFirst) {
        long first = Long.parseLong(path.getFileName().toString().substring(4, 24));
        if (expectedFirst != -1 && first != expectedFirst) {
            throw new CorruptLogException(path, 0, "segment starts at " + first + ", expected " + expectedFirst);
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Segment segment = new Segment(path, channel, first);
            int offset = 0;
            while (offset < bytes.length) {
                Entry entry = WalRecord.read(bytes, offset, bytes.length);
                if (entry == null || entry.index() != first + segment.offsets.size()) {
                    if (!last || hasValidRecordAfter(bytes, offset + 1)) {
                        channel.close();
                        throw new CorruptLogException(path, offset,
                                (entry == null) ? "bad length or CRC32C with intact records after it"
                                        : "index " + entry.index() + " out of sequence");
                    }
                    // A torn tail: the crash interrupted the last write, which nobody
                    // was told about.
                    channel.truncate(offset);
                    channel.force(true);
                    break;
                }
                segment.offsets.add((long) offset);
                offset += WalRecord.HEADER_BYTES + WalRecord.FIXED_PAYLOAD_BYTES + entry.data().length;
            }
            segment.size = Math.min(offset, bytes.length);
            channel.position(segment.size);
            return segment;
        }
        catch (IOException ex) {
            throw new StorageException("cannot recover " + path, ex);
        }
    }

    private static boolean hasValidRecordAfter(byte[] bytes, int from) {
        for (int offset = from; offset + WalRecord.HEADER_BYTES <= bytes.length; offset++) {
            if (WalRecord.read(bytes, offset, bytes.length) != null) {
                return true;
            }
        }
        return false;
    }

    long firstIndex() {
        return this.first;
    }

    long lastIndex() {
        return this.first + this.offsets.size() - 1;
    }

    boolean isEmpty() {
        return this.offsets.isEmpty();
    }

    long size() {
        return this.size;
    }

    void append(byte[] records, List<Entry> entries) {
        long offset = this.size;
        for (Entry entry : entries) {
            this.offsets.add(offset);
            offset += WalRecord.size(entry);
        }
        ByteBuffer buffer = ByteBuffer.wrap(records);
        try {
            while (buffer.hasRemaining()) {
                this.channel.write(buffer, this.size + buffer.position());
            }
        }
        catch (IOException ex) {
            throw new StorageException("cannot write " + this.path, ex);
        }
        this.size = offset;
    }

    void force() {
        try {
            this.channel.force(false);
        }
        catch (IOException ex) {
            throw new StorageException("cannot fsync " + this.path, ex);
        }
    }

    void truncateFrom(long index) {
        int keep = (int) Math.max(0, index - this.first);
        if (keep >= this.offsets.size()) {
            return;
        }
        long offset = this.offsets.get(keep);
        this.offsets.subList(keep, this.offsets.size()).clear();
        try {
            this.channel.truncate(offset);
            this.channel.force(true);
        }
        catch (IOException ex) {
            throw new StorageException("cannot truncate " + this.path, ex);
        }
        this.size = offset;
    }

    List<Entry> read(long from, long to) {
        long start = this.offsets.get((int) (from - this.first));
        int toPosition = (int) (to - this.first);
        long end = (toPosition + 1 < this.offsets.size()) ? this.offsets.get(toPosition + 1) : this.size;
        ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
        try {
            while (buffer.hasRemaining()) {
                if (this.channel.read(buffer, start + buffer.position()) < 0) {
                    throw new StorageException("unexpected end of " + this.path);
                }
            }
        }
        catch (IOException ex) {
            throw new StorageException("cannot read " + this.path, ex);
        }
        byte[] bytes = buffer.array();
        List<Entry> out = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            Entry entry = WalRecord.read(bytes, offset, bytes.length);
            if (entry == null) {
                throw new CorruptLogException(this.path, start + offset, "record damaged after recovery");
            }
            out.add(entry);
            offset += WalRecord.size(entry);
        }
        return out;
    }

    void delete() {
        close();
        try {
            Files.deleteIfExists(this.path);
        }
        catch (IOException ex) {
            throw new StorageException("cannot delete " + this.path, ex);
        }
    }

    void close() {
        try {
            this.channel.close();
        }
        catch (IOException ex) {
            throw new StorageException("cannot close " + this.path, ex);
        }
    }

}
