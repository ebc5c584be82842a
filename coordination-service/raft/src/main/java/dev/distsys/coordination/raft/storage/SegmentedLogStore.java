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

}
