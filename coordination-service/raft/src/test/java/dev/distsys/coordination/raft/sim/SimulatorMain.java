package dev.distsys.coordination.raft.sim;

/**
 * Long campaigns outside the test runner: {@code SimulatorMain <firstSeed> <count>}.
 * Prints every failing seed with its replay command and a summary; exits non-zero on any
 * failure.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        long first = (args.length > 0) ? Long.parseLong(args[0]) : 1;
        long count = (args.length > 1) ? Long.parseLong(args[1]) : 100_000;
        long started = System.nanoTime();
        long failures = 0;
        long operations = 0;
        SimCluster.Counters total = new SimCluster.Counters();
        for (long seed = first; seed < first + count; seed++) {
            try {
                SimCluster.Stats stats = new SimCluster(seed).run();
                operations += stats.operations();
                total.add(stats.counters());
            }
            catch (SimulationFailure failure) {
                failures++;
                System.out.println("FAILED " + failure.getMessage());
            }
            if ((seed - first + 1) % 10_000 == 0) {
                System.out.printf("progress: %d seeds, %d failures, %d s%n", seed - first + 1, failures,
                        (System.nanoTime() - started) / 1_000_000_000);
            }
        }
        System.out.printf("campaign: seeds %d..%d, %d failures, %d client operations, %d s; %s%n", first,
                first + count - 1, failures, operations, (System.nanoTime() - started) / 1_000_000_000, total);
        if (failures > 0) {
            System.exit(1);
        }
    }

}
