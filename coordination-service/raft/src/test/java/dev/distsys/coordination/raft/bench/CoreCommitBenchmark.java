package dev.distsys.coordination.raft.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Batches committed per second by a 3-member cluster of cores with instant storage and
 * network; entries per second = score x batchSize. Measures the state machine's own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreCommitBenchmark {

    @Param({ "1", "16", "128" })
    public int batchSize;

    private BenchCluster cluster;

    private List<byte[]> batch;

    @Setup(Level.Trial)
    public void setUp() {
        this.cluster = new BenchCluster();
        this.batch = new ArrayList<>();
        for (int i = 0; i < this.batchSize; i++) {
            this.batch.add(new byte[64]);
        }
    }

    @Benchmark
    public long commitBatch() {
        return this.cluster.commit(this.batch);
    }

}
