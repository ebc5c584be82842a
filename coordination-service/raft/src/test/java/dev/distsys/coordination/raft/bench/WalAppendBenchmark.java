package dev.distsys.coordination.raft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.storage.SegmentedLogStore;

/**
 * Group commit on this disk: each invocation appends {@code batchSize} 128-byte entries
 * in one write and one fsync. Score = fsyncs per second; appends per second = score x
 * batchSize.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WalAppendBenchmark {

    @Param({ "1", "16", "128" })
    public int batchSize;

    private Path dir;

    private SegmentedLogStore log;

    private long next = 1;

    private final byte[] payload = new byte[128];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        this.dir = Files.createTempDirectory(Path.of("target"), "wal-bench");
        this.log = SegmentedLogStore.open(this.dir, 16 << 20);
    }

    @Benchmark
    public long appendAndSync() {
        List<Entry> batch = new ArrayList<>(this.batchSize);
        for (int i = 0; i < this.batchSize; i++) {
            batch.add(Entry.normal(this.next++, 1, this.payload));
        }
        this.log.append(batch);
        this.log.sync();
        if (this.next % 100_000 < this.batchSize) {
            this.log.compact(this.next - 1_000);
        }
        return this.next;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        this.log.close();
        try (Stream<Path> files = Files.walk(this.dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

}
