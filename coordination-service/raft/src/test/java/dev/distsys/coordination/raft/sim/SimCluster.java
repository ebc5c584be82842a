package dev.distsys.coordination.raft.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import dev.distsys.coordination.raft.ConfigChange;
import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.EntryType;
import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.Message;
import dev.distsys.coordination.raft.NotLeaderException;
import dev.distsys.coordination.raft.ProposalDroppedException;
import dev.distsys.coordination.raft.ProposalId;
import dev.distsys.coordination.raft.RaftConfig;
import dev.distsys.coordination.raft.RaftException;
import dev.distsys.coordination.raft.Ready;
import dev.distsys.coordination.raft.ReadState;
import dev.distsys.coordination.raft.Snapshot;
import dev.distsys.coordination.raft.UnsafeFault;

/**
 * A deterministic cluster on one thread (TigerBeetle's VOPR in spirit): every decision,
 * from message delays to crashes, comes from one seed, so a failure replays exactly. Runs
 * a fault phase with a client workload, then heals everything and requires liveness, then
 * checks linearizability.
 */
final class SimCluster {

    static final int FAULT_TICKS = 1200;

    static final int HEAL_TICKS = 1500;

    private final long seed;

    private final FaultProfile profile;

    private final SimRandom random;

    private final SimNetwork network;

    private final InvariantChecker checker = new InvariantChecker();

    private final History history = new History();

    private final Map<Long, SimNode> nodes = new TreeMap<>();

    private final List<SimClient> clients = new ArrayList<>();

    private final int size;

    private final Counters counters = new Counters();

    private long now;

    private long partitionEndsAt;

    private boolean faultsOn = true;

    SimCluster(long seed) {
        this(seed, FaultProfile.forSeed(seed), Set.of(), UnaryOperator.identity());
    }

    SimCluster(long seed, FaultProfile profile, Set<UnsafeFault> faults, UnaryOperator<RaftConfig> tweak) {
        this.seed = seed;
        this.profile = profile;
        this.random = new SimRandom(seed);
        this.network = new SimNetwork(this.random, profile);
        this.size = ((seed / FaultProfile.ALL.length) % 2 == 0) ? 3 : 5;
        int spares = (profile.membershipRate() > 0) ? 2 : 0;
        Set<Long> voters = new TreeSet<>();
        for (long id = 1; id <= this.size; id++) {
            voters.add(id);
        }
        Membership initial = new Membership(voters, Set.of());
        for (long id = 1; id <= this.size + spares; id++) {
            RaftConfig config = RaftConfig.ofDefaults(id)
                .withElectionTicks(12, 24, 2)
                .withLimits(4, 8, 1024, 1 << 20, 64)
                .withUnsafeFaults(faults);
            config = tweak.apply(config);
            double rate = profile.skew() ? 0.75 + this.random.nextInt(51) / 100.0 : 1.0;
            SimNode node = new SimNode(id, config, rate, this.random.between(15, 60));
            if (id <= this.size) {
                node.bootstrap(this.random, initial);
            }
            else {
                node.join(this.random);
            }
            this.nodes.put(id, node);
        }
        for (long c = 1; c <= 5; c++) {
            this.clients.add(new SimClient(c, new SimRandom(this.random.nextLong())));
        }
    }

    static String replayCommand(long seed) {
        return "./mvnw -o -pl coordination-service/raft test -Dtest=SimulatorTests -Dsim.seed=" + seed;
    }

    /**
     * Runs the whole scenario.
     * @return statistics of the run
     * @throws SimulationFailure naming the seed and how to replay it
     */
    Stats run() {
        try {
            for (this.now = 1; this.now <= FAULT_TICKS; this.now++) {
                step(true);
            }
            heal();
            long healedAt = this.now;
            while (!settled()) {
                if (this.now - healedAt > HEAL_TICKS) {
                    throw new SimulationFailure("liveness: " + HEAL_TICKS + " ticks after healing, leader="
                            + describeLeader() + ", clients waiting=" + waitingClients());
                }
                this.now++;
                step(false);
            }
            LinearizabilityChecker.Verdict verdict = LinearizabilityChecker.check(this.history.operations());
            if (!verdict.linearizable()) {
                StringBuilder ops = new StringBuilder();
                verdict.operations().forEach((op) -> ops.append("\n  ").append(op));
                throw new SimulationFailure("history of key " + verdict.key() + " is not linearizable:" + ops);
            }
            return new Stats(this.now, this.history.operations().size(), this.network.sent, this.checker.committedMax(),
                    this.counters);
        }
        catch (RuntimeException | AssertionError ex) {
            throw new SimulationFailure("seed " + this.seed + " (profile " + this.profile.name() + ", " + this.size
                    + " members) failed at tick " + this.now + ": " + ex.getMessage() + "\nreplay: "
                    + replayCommand(this.seed), ex);
        }
    }

    record Stats(long ticks, int operations, long messages, long committed, Counters counters) {
    }

    private void step(boolean faults) {
        if (faults) {
            injectFaults();
        }
        restartDue();
        for (SimNode node : this.nodes.values()) {
            if (!node.up) {
                continue;
            }
            for (int i = node.ticksDue(); i > 0 && node.up; i--) {
                node.raft.tick();
                process(node);
            }
            if (node.crashOnNextWrite && this.random.chance(0.1)) {
                node.crash(this.random);
                scheduleRestart(node);
            }
        }
        for (Message message : this.network.due(this.now)) {
            SimNode node = this.nodes.get(message.to());
            if (node != null && node.up) {
                node.raft.step(message);
                process(node);
            }
        }
        for (SimClient client : this.clients) {
            client.tick(this.now, faults, this);
        }
    }

    private void process(SimNode node) {
        while (node.up && node.raft.hasReady()) {
            Ready ready = node.raft.ready();
            if (ready.snapshot() != null) {
                node.disk.saveSnapshot(ready.snapshot(), this.checker.appliedPrefix(ready.snapshot().index()));
            }
            node.disk.append(ready.entries(), this.checker, node.id);
            if (node.crashOnNextWrite && !ready.entries().isEmpty()) {
                node.crash(this.random);
                scheduleRestart(node);
                return;
            }
            node.disk.sync();
            if (ready.hardState() != null) {
                node.disk.saveHardState(ready.hardState());
            }
            for (Message message : ready.messages()) {
                this.network.send(this.now, message);
            }
            if (ready.hardState() != null && this.faultsOn && this.random.chance(this.profile.crashRate() * 10)) {
                // Crash right after a term or vote became durable and a quick restart:
                // the window in
                // which a forgotten vote would let a second candidate win the same term.
                node.crash(this.random);
                this.counters.crashes++;
                node.restartAt = this.now + this.random.between(1, 3);
                return;
            }
            if (ready.snapshot() != null) {
                node.machine = KvStateMachine.restore(ready.snapshot().data());
                this.counters.snapshotsInstalled++;
                node.applied = ready.snapshot().index();
            }
            for (Entry entry : ready.committedEntries()) {
                apply(node, entry);
            }
            for (ReadState state : ready.readStates()) {
                onReadState(node, state);
            }
            answerReads(node);
            node.raft.advance(ready);
            if (node.raft.isLeader()) {
                this.counters.maxTerm = Math.max(this.counters.maxTerm, node.raft.term());
                this.checker.onLeader(node.id, node.raft.term(), node.disk);
                this.checker.onCommitKnown(node.raft.term(), node.raft.commitIndex(), node.disk);
            }
            maybeSnapshot(node);
        }
    }

    private void apply(SimNode node, Entry entry) {
        if (entry.index() != node.applied + 1) {
            throw new SimulationFailure("node " + node.id + " applies " + entry.index() + " after " + node.applied);
        }
        this.checker.onApplied(node.id, entry);
        node.applied = entry.index();
        if (entry.type() == EntryType.CONFIG && entry.index() > this.counters.lastConfigIndex) {
            this.counters.lastConfigIndex = entry.index();
            this.counters.configChanges++;
        }
        if (entry.type() != EntryType.NORMAL || entry.data().length == 0) {
            return;
        }
        KvCommand command = KvCommand.decode(entry.data());
        String result = node.machine.apply(command);
        long[] pending = node.pendingWrites.remove(entry.index());
        if (pending != null && pending[0] == command.clientId() && pending[1] == command.serial()) {
            this.clients.get((int) command.clientId() - 1).complete(command.serial(), result, this.history, this.now);
        }
    }

    private void onReadState(SimNode node, ReadState state) {
        String context = new String(state.context(), java.nio.charset.StandardCharsets.UTF_8);
        SimClient client = node.pendingReads.remove(context);
        if (client != null) {
            node.waitingReads.add(new SimNode.PendingRead(state, client, Long.parseLong(context.split(":")[1])));
        }
    }

    /**
     * ReadIndex step 4: answer once the state machine has applied up to the read index.
     */
    private void answerReads(SimNode node) {
        Iterator<SimNode.PendingRead> it = node.waitingReads.iterator();
        while (it.hasNext()) {
            SimNode.PendingRead read = it.next();
            if (read.state().index() <= node.applied) {
                it.remove();
                KvCommand current = read.client().current();
                if (current != null && current.serial() == read.serial()) {
                    read.client().complete(read.serial(), node.machine.get(current.key()), this.history, this.now);
                }
            }
        }
    }

    private void maybeSnapshot(SimNode node) {
        if (!this.profile.snapshots() || node.applied - node.disk.snapshotIndex() < node.snapshotEvery) {
            return;
        }
        Snapshot snapshot = node.raft.compact(node.applied, node.machine.snapshot());
        if (snapshot != null) {
            node.disk.saveSnapshot(snapshot, this.checker.appliedPrefix(snapshot.index()));
        }
    }

    // ---- clients

    void submit(SimClient client, long target, long tick) {
        SimNode node = this.nodes.get(target);
        if (node == null || !node.up) {
            return;
        }
        KvCommand command = client.current();
        try {
            if (command.kind() == KvCommand.Kind.GET) {
                String context = client.id + ":" + command.serial() + ":" + client.attempt();
                node.raft.readIndex(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                node.pendingReads.put(context, client);
            }
            else {
                ProposalId id = node.raft.propose(command.encode());
                node.pendingWrites.put(id.index(), new long[] { client.id, command.serial() });
            }
        }
        catch (NotLeaderException ex) {
            client.redirect(ex.leaderHint(), tick, this);
        }
        catch (ProposalDroppedException ex) {
            client.backOff(tick);
        }
        process(node);
    }

    long randomMember(SimRandom clientRandom) {
        return 1 + clientRandom.nextInt(this.nodes.size());
    }

    History history() {
        return this.history;
    }

    // ---- faults

    private void injectFaults() {
        if (this.network.partitioned() && this.now >= this.partitionEndsAt) {
            this.network.healPartitions();
        }
        else if (!this.network.partitioned() && this.random.chance(this.profile.partitionRate())) {
            startPartition();
            this.counters.partitions++;
        }
        if (this.random.chance(this.profile.crashRate())) {
            List<SimNode> up = this.nodes.values().stream().filter((n) -> n.up).toList();
            if (!up.isEmpty()) {
                SimNode victim = up.get(this.random.nextInt(up.size()));
                this.counters.crashes++;
                if (this.random.chance(0.5)) {
                    victim.crashOnNextWrite = true;
                }
                else {
                    victim.crash(this.random);
                    scheduleRestart(victim);
                }
            }
        }
        SimNode leader = currentLeader();
        if (leader != null && this.random.chance(this.profile.membershipRate())) {
            changeMembership(leader);
        }
        if (leader != null && leader.up && this.random.chance(this.profile.transferRate())) {
            List<Long> voters = new ArrayList<>(leader.raft.membership().voters());
            tolerate(() -> leader.raft.transferLeadership(voters.get(this.random.nextInt(voters.size()))));
            this.counters.transfers++;
            process(leader);
        }
    }

    private void startPartition() {
        List<Long> ids = new ArrayList<>(this.nodes.keySet());
        int kind = this.random.nextInt(4);
        switch (kind) {
            case 0 -> {
                // Minority vs majority, both directions.
                Set<Long> minority = pick(ids, this.random.between(1, ids.size() / 2));
                for (Long a : minority) {
                    for (Long b : ids) {
                        if (!minority.contains(b)) {
                            this.network.blockBoth(a, b);
                        }
                    }
                }
            }
            case 1 -> {
                SimNode leader = currentLeader();
                long isolated = (leader != null) ? leader.id : ids.get(this.random.nextInt(ids.size()));
                for (Long b : ids) {
                    if (b != isolated) {
                        this.network.blockBoth(isolated, b);
                    }
                }
            }
            case 2 -> {
                // One-way links: the sender is heard by nobody, or hears nobody.
                long node = ids.get(this.random.nextInt(ids.size()));
                boolean outbound = this.random.chance(0.5);
                for (Long b : ids) {
                    if (b != node) {
                        if (outbound) {
                            this.network.block(node, b);
                        }
                        else {
                            this.network.block(b, node);
                        }
                    }
                }
            }
            default -> {
                // A bridge: one node sees both sides, which cannot see each other.
                long bridge = ids.get(this.random.nextInt(ids.size()));
                List<Long> others = new ArrayList<>(ids);
                others.remove(bridge);
                Set<Long> left = pick(others, others.size() / 2);
                for (Long a : left) {
                    for (Long b : others) {
                        if (!left.contains(b)) {
                            this.network.blockBoth(a, b);
                        }
                    }
                }
            }
        }
        this.partitionEndsAt = this.now + this.random.between(20, 150);
    }

    private Set<Long> pick(List<Long> from, int count) {
        List<Long> pool = new ArrayList<>(from);
        Set<Long> out = new TreeSet<>();
        while (out.size() < count && !pool.isEmpty()) {
            out.add(pool.remove(this.random.nextInt(pool.size())));
        }
        return out;
    }

    private void changeMembership(SimNode leader) {
        Membership membership = leader.raft.membership();
        List<Long> learners = new ArrayList<>(membership.learners());
        List<Long> outsiders = this.nodes.keySet().stream().filter((id) -> !membership.contains(id)).toList();
        ConfigChange change;
        if (!learners.isEmpty()) {
            change = ConfigChange.promote(learners.get(this.random.nextInt(learners.size())));
        }
        else if (!outsiders.isEmpty() && membership.voters().size() < this.size + 1) {
            change = ConfigChange.addLearner(outsiders.get(this.random.nextInt(outsiders.size())));
        }
        else if (membership.voters().size() > 3) {
            List<Long> removable = membership.voters().stream().filter((id) -> id != leader.id).toList();
            change = ConfigChange.remove(removable.get(this.random.nextInt(removable.size())));
        }
        else {
            return;
        }
        tolerate(() -> leader.raft.proposeConfigChange(change));
        process(leader);
    }

    private static void tolerate(Runnable action) {
        try {
            action.run();
        }
        catch (RaftException ex) {
            // Refusals are part of the game: a pending change, a learner behind, a
            // transfer running.
        }
    }

    private void scheduleRestart(SimNode node) {
        node.restartAt = this.now + this.random.between(5, 80);
    }

    private void restartDue() {
        for (SimNode node : this.nodes.values()) {
            if (!node.up && (this.now >= node.restartAt || !this.faultsOn)) {
                node.restart(this.random);
            }
        }
    }

    private void heal() {
        this.faultsOn = false;
        this.network.heal();
        for (SimNode node : this.nodes.values()) {
            node.crashOnNextWrite = false;
        }
        restartDue();
    }

    private boolean settled() {
        return currentLeader() != null && waitingClients() == 0;
    }

    private long waitingClients() {
        return this.clients.stream().filter((c) -> !c.idle()).count();
    }

    private String describeLeader() {
        SimNode leader = currentLeader();
        return (leader != null) ? leader.id + " (term " + leader.raft.term() + ")" : "none";
    }

    private SimNode currentLeader() {
        SimNode best = null;
        for (SimNode node : this.nodes.values()) {
            if (node.up && node.raft.isLeader() && (best == null || node.raft.term() > best.raft.term())) {
                best = node;
            }
        }
        return best;
    }

    /** What a run exercised, so that a green run can be told apart from an idle one. */
    static final class Counters {

        long maxTerm;

        long crashes;

        long partitions;

        long snapshotsInstalled;

        long configChanges;

        long lastConfigIndex;

        long transfers;

        void add(Counters other) {
            this.maxTerm += other.maxTerm;
            this.crashes += other.crashes;
            this.partitions += other.partitions;
            this.snapshotsInstalled += other.snapshotsInstalled;
            this.configChanges += other.configChanges;
            this.transfers += other.transfers;
        }

        @Override
        public String toString() {
            return "leader terms " + this.maxTerm + ", crashes " + this.crashes + ", partitions " + this.partitions
                    + ", snapshots installed " + this.snapshotsInstalled + ", membership changes applied "
                    + this.configChanges + ", transfers requested " + this.transfers;
        }

    }

}
