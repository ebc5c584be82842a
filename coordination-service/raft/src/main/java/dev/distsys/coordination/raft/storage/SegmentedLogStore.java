package dev.distsys.coordination.raft.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.distsys.coordination.raft.Entry;

/**
 * A write-ahead log in segment files {@code wal-<first index>.log}. Appends of one batch
 * are one write; {@link #sync()} is one fsync per batch (group commit). On open, every
 * record is verified: a damaged record at the very end (a crash during the last write) is
 * cut off, because nothing after it was acknowledged; a damaged record followed by good
 * ones means acknowledged data was lost, and opening fails with
 * {@link CorruptLogException} naming the file and offset. Not thread-safe: the driver
 * calls it from one thread.
 */
public final class SegmentedLogStore implements LogStore {

    private final Path dir;

    private final long segmentBytes;

    private final List<Segment> segments = new ArrayList<>();

    private final Set<Segment> unsynced = new LinkedHashSet<>();

    private long compactedTo;

    private SegmentedLogStore(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Opens (recovering) or creates the log in {@code dir}.
     * @param dir the directory, created if missing
     * @param segmentBytes size after which a new segment file starts
     * @return the store
     * @throws CorruptLogException on damage before the tail
     */
    public static SegmentedLogStore open(Path dir, long segmentBytes) {
        AtomicFiles.createDirectories(dir);
        SegmentedLogStore store = new SegmentedLogStore(dir, segmentBytes);
        store.recover();
        return store;
    }

    private void recover() {
        List<Path> files;
        try (Stream<Path> listing = Files.list(this.dir)) {
            files = listing.filter((p) -> p.getFileName().toString().matches("wal-\\d{20}\\.log")).sorted().toList();
        }
        catch (IOException ex) {
            throw new StorageException("cannot list " + this.dir, ex);
        }
        long expected = -1;
        for (int i = 0; i < files.size(); i++) {
            Segment segment = Segment.recover(files.get(i), i == files.size() - 1, expected);
            if (segment.isEmpty() && i < files.size() - 1) {
                throw new CorruptLogException(files.get(i), 0, "empty segment before the last one");
            }
            this.segments.add(segment);
            expected = segment.lastIndex() + 1;
        }
        if (!this.segments.isEmpty()) {
            this.compactedTo = this.segments.get(0).firstIndex() - 1;
        }
    }

    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long start = entries.get(0).index();
        if (this.segments.isEmpty()) {
            this.compactedTo = start - 1;
        }
        if (start > lastIndex() + 1 || start <= this.compactedTo) {
            throw new StorageException(
                    "append at " + start + " does not follow [" + firstIndex() + ", " + lastIndex() + "]");
        }
        if (start <= lastIndex()) {
            truncateFrom(start);
        }
        int i = 0;
        while (i < entries.size()) {
            Segment active = activeSegment(entries.get(i).index());
            int bytes = 0;
            int j = i;
            while (j < entries.size()
                    && (j == i || active.size() + bytes + WalRecord.size(entries.get(j)) <= this.segmentBytes)) {
                bytes += WalRecord.size(entries.get(j));
                j++;
            }
            ByteBuffer batch = ByteBuffer.allocate(bytes);
            for (int k = i; k < j; k++) {
                WalRecord.write(batch, entries.get(k));
            }
            active.append(batch.array(), entries.subList(i, j));
            this.unsynced.add(active);
            i = j;
        }
    }

    private Segment activeSegment(long nextIndex) {
        Segment last = this.segments.isEmpty() ? null : this.segments.get(this.segments.size() - 1);
        if (last == null || (last.size() >= this.segmentBytes && !last.isEmpty())) {
            Segment created = Segment.create(this.dir, nextIndex);
            AtomicFiles.syncDirectory(this.dir);
            this.segments.add(created);
            return created;
        }
        return last;
    }

    private void truncateFrom(long index) {
        for (int i = this.segments.size() - 1; i >= 0; i--) {
            Segment segment = this.segments.get(i);
            if (segment.firstIndex() >= index && i > 0) {
                segment.delete();
                this.segments.remove(i);
                this.unsynced.remove(segment);
            }
            else {
                segment.truncateFrom(index);
                break;
            }
        }
        AtomicFiles.syncDirectory(this.dir);
    }

    @Override
    public void sync() {
        for (Segment segment : this.unsynced) {
            segment.force();
        }
        this.unsynced.clear();
    }

    @Override
    public long firstIndex() {
        return this.compactedTo + 1;
    }

    @Override
    public long lastIndex() {
        return this.segments.isEmpty() ? this.compactedTo
                : Math.max(this.compactedTo, this.segments.get(this.segments.size() - 1).lastIndex());
    }

    @Override
    public List<Entry> entries(long from, long to) {
        if (from < firstIndex() || to > lastIndex()) {
            throw new StorageException(
                    "entries [" + from + ", " + to + "] outside [" + firstIndex() + ", " + lastIndex() + "]");
        }
        List<Entry> out = new ArrayList<>();
        for (Segment segment : this.segments) {
            if (segment.lastIndex() >= from && segment.firstIndex() <= to) {
                out.addAll(segment.read(Math.max(from, segment.firstIndex()), Math.min(to, segment.lastIndex())));
            }
        }
        return out;
    }

    @Override
    public void compact(long index) {
        if (index <= this.compactedTo) {
            return;
        }
        this.compactedTo = Math.min(index, lastIndex());
        while (this.segments.size() > 1 && this.segments.get(0).lastIndex() <= this.compactedTo) {
            this.segments.remove(0).delete();
        }
        AtomicFiles.syncDirectory(this.dir);
    }

    @Override
    public void reset(long index) {
        for (Segment segment : this.segments) {
            segment.delete();
        }
        this.segments.clear();
        this.unsynced.clear();
        this.compactedTo = index;
        AtomicFiles.syncDirectory(this.dir);
    }

    /**
     * @return number of segment files, for tests and metrics
     */
    public int segmentCount() {
        return this.segments.size();
    }

    @Override
    public void close() {
        for (Segment segment : this.segments) {
            segment.close();
        }
    }

    /** One segment file and the offsets of its records. */
    private static final class Segment {

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

}
