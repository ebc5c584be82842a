package dev.distsys.coordination.raft.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks briefly: {@code BenchMain [regex] [iterationSeconds]}. See the
 * README for the command line and the numbers measured.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = (args.length > 0) ? args[0] : "dev.distsys.coordination.raft.bench.*";
        int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 2;
        Options options = new OptionsBuilder().include(include)
            .forks(1)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(seconds))
            .shouldFailOnError(true)
            .build();
        new Runner(options).run();
    }

}
