package dev.distsys.coordination.raft.sim;

/**
 * How hostile one simulated run is. Probabilities are per message or per tick.
 *
 * @param dropRate probability a message is lost
 * @param duplicateRate probability a message is delivered twice
 * @param maxDelayTicks messages take 1..maxDelayTicks ticks (so they reorder)
 * @param partitionRate probability per tick that a partition starts
 * @param crashRate probability per tick that a node crashes (maybe mid-write)
 * @param skew whether node clocks run at different rates
 * @param snapshots whether nodes compact their logs
 * @param membershipRate probability per tick of a membership change attempt
 * @param transferRate probability per tick of a leadership transfer attempt
 */
record FaultProfile(String name, double dropRate, double duplicateRate, int maxDelayTicks, double partitionRate,
        double crashRate, boolean skew, boolean snapshots, double membershipRate, double transferRate) {

    static final FaultProfile CALM = new FaultProfile("calm", 0, 0, 2, 0, 0, false, true, 0, 0);

    static final FaultProfile LOSSY = new FaultProfile("lossy", 0.15, 0.05, 6, 0, 0, true, true, 0, 0.002);

    static final FaultProfile PARTITIONS = new FaultProfile("partitions", 0.03, 0.02, 4, 0.02, 0, true, true, 0, 0);

    static final FaultProfile CRASHES = new FaultProfile("crashes", 0.03, 0.02, 4, 0, 0.01, true, true, 0, 0);

    static final FaultProfile CHAOS = new FaultProfile("chaos", 0.08, 0.05, 8, 0.01, 0.006, true, true, 0.01, 0.005);

    static final FaultProfile[] ALL = { CALM, LOSSY, PARTITIONS, CRASHES, CHAOS };

    static FaultProfile forSeed(long seed) {
        return ALL[(int) Math.floorMod(seed, (long) ALL.length)];
    }

}
