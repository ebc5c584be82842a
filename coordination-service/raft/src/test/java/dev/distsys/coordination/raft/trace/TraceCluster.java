package dev.distsys.coordination.raft.trace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.distsys.coordination.raft.ConfigChange;
import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.HardState;
import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.Message;
import dev.distsys.coordination.raft.RaftConfig;
import dev.distsys.coordination.raft.RaftException;
import dev.distsys.coordination.raft.RaftNode;
import dev.distsys.coordination.raft.RaftStatus;
import dev.distsys.coordination.raft.RandomSource;
import dev.distsys.coordination.raft.ReadState;
import dev.distsys.coordination.raft.Ready;
import dev.distsys.coordination.raft.Snapshot;
import dev.distsys.coordination.raft.UnsafeFault;
import dev.distsys.coordination.raft.storage.InMemoryLogStore;

/**
 * Interprets trace commands (after etcd-io/raft's interaction tests) against real nodes
 * with an in-memory driver, and renders what happened as text.
 */
final class TraceCluster {

    private static final class Member {

        RaftNode raft;

        InMemoryLogStore log = new InMemoryLogStore();

        HardState hardState = HardState.EMPTY;

        Snapshot snapshot;

        long applied;

        boolean up = true;

    }

    private final Map<Long, Member> members = new TreeMap<>();

    private final List<Message> inflight = new ArrayList<>();

    private final Set<Long> blocked = new HashSet<>();

    private RaftConfig template = RaftConfig.ofDefaults(1);

    private StringBuilder out;

    String run(String command, List<String> args) {
        this.out = new StringBuilder();
        try {
            dispatch(command, args);
        }
        catch (RaftException ex) {
            line("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        return this.out.toString();
    }

    private void dispatch(String command, List<String> args) {
        switch (command) {
            case "config" -> configure(args);
            case "add-nodes" -> addNodes(Integer.parseInt(args.get(0)));
            case "add-node" -> addJoiner(id(args, 0));
            case "campaign" -> {
                member(args).raft.campaign();
                processReady(id(args, 0));
            }
            case "propose" -> {
                member(args).raft.propose(args.get(1).getBytes(StandardCharsets.UTF_8));
                processReady(id(args, 0));
            }
            case "read-index" -> {
                member(args).raft.readIndex(args.get(1).getBytes(StandardCharsets.UTF_8));
                processReady(id(args, 0));
            }
            case "transfer" -> {
                member(args).raft.transferLeadership(id(args, 1));
                processReady(id(args, 0));
            }
            case "config-change" -> {
                long target = id(args, 2);
                ConfigChange change = switch (args.get(1)) {
                    case "add-learner" -> ConfigChange.addLearner(target);
                    case "promote" -> ConfigChange.promote(target);
                    case "remove" -> ConfigChange.remove(target);
                    default -> throw new IllegalArgumentException("unknown change " + args.get(1));
                };
                member(args).raft.proposeConfigChange(change);
                processReady(id(args, 0));
            }
            case "compact" -> compact(id(args, 0));
            case "tick" -> tick(id(args, 0), (args.size() > 1) ? Integer.parseInt(args.get(1)) : 1);
            case "tick-heartbeat" -> tick(id(args, 0), this.template.heartbeatTicks());
            case "tick-election" -> tick(id(args, 0), this.template.electionTimeoutTicksMax());
            case "deliver-msgs" -> deliver((args.isEmpty()) ? 0 : id(args, 0));
            case "drop-msgs" -> {
                line("dropped " + this.inflight.size() + " messages");
                this.inflight.clear();
            }
            case "stabilize" -> stabilize();
            case "partition" -> partition(args);
            case "heal" -> {
                this.blocked.clear();
                line("healed");
            }
            case "crash" -> {
                Member member = member(args);
                member.up = false;
                member.raft = null;
                line(args.get(0) + " crashed");
            }
            case "restart" -> restart(id(args, 0));
            case "status" -> this.members.keySet().forEach(this::status);
            case "log" -> log(id(args, 0));
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
    }

    private void configure(List<String> args) {
        for (String arg : args) {
            String[] kv = arg.split("=");
            boolean on = Boolean.parseBoolean(kv[1]);
            this.template = switch (kv[0]) {
                case "prevote" -> this.template.withPreVoteAndCheckQuorum(on, this.template.checkQuorum());
                case "checkquorum" -> this.template.withPreVoteAndCheckQuorum(this.template.preVote(), on);
                case "chunk" -> this.template.withLimits(this.template.maxInflightAppends(),
                        this.template.maxEntriesPerAppend(), this.template.maxAppendBytes(),
                        this.template.maxUncommittedBytes(), Integer.parseInt(kv[1]));
                case "entries" -> this.template.withLimits(this.template.maxInflightAppends(), Integer.parseInt(kv[1]),
                        this.template.maxAppendBytes(), this.template.maxUncommittedBytes(),
                        this.template.snapshotChunkBytes());
                case "fault" -> this.template.withUnsafeFaults(Set.of(UnsafeFault.valueOf(kv[1])));
                default -> throw new IllegalArgumentException("unknown setting " + kv[0]);
            };
        }
        line("prevote=" + this.template.preVote() + " checkquorum=" + this.template.checkQuorum()
                + (this.template.unsafeFaults().isEmpty() ? "" : " UNSAFE " + this.template.unsafeFaults()));
    }

    private void addNodes(int count) {
        Set<Long> voters = new TreeSet<>();
        for (long id = 1; id <= count; id++) {
            voters.add(id);
        }
        for (long id = 1; id <= count; id++) {
            Member member = new Member();
            member.raft = RaftNode.bootstrap(this.template.withId(id), RandomSource.seeded(id),
                    new Membership(voters, Set.of()));
            this.members.put(id, member);
            processReady(id);
        }
    }

    private void addJoiner(long id) {
        Member member = new Member();
        member.raft = RaftNode.join(this.template.withId(id), RandomSource.seeded(id));
        this.members.put(id, member);
        line(id + " joined empty");
    }

    private void restart(long id) {
        Member member = this.members.get(id);
        List<Entry> entries = (member.log.lastIndex() >= member.log.firstIndex())
                ? member.log.entries(member.log.firstIndex(), member.log.lastIndex()) : List.of();
        member.raft = RaftNode.restart(this.template.withId(id), RandomSource.seeded(id * 31), member.hardState,
                member.snapshot, entries);
        member.applied = (member.snapshot != null) ? member.snapshot.index() : 0;
        member.up = true;
        line(id + " restarted at term " + member.hardState.term() + " vote " + member.hardState.vote());
    }

    private void compact(long id) {
        Member member = this.members.get(id);
        Snapshot snapshot = member.raft.compact(member.applied,
                ("state@" + member.applied).getBytes(StandardCharsets.UTF_8));
        if (snapshot != null) {
            member.snapshot = snapshot;
            member.log.compact(snapshot.index());
            line(id + " compacted to " + snapshot.index() + "/" + snapshot.term());
        }
    }

    private void tick(long id, int times) {
        RaftNode raft = this.members.get(id).raft;
        for (int i = 0; i < times; i++) {
            long term = raft.term();
            RaftStatus.RoleName role = raft.status().role();
            raft.tick();
            RaftStatus after = raft.status();
            if (after.term() != term || after.role() != role) {
                line("  " + id + " became " + after.role() + " at term " + after.term() + " after " + (i + 1)
                        + " ticks");
            }
        }
        processReady(id);
    }

    private void partition(List<String> args) {
        int bar = args.indexOf("|");
        List<Long> left = args.subList(0, bar).stream().map(Long::parseLong).toList();
        List<Long> right = args.subList(bar + 1, args.size()).stream().map(Long::parseLong).toList();
        for (Long a : left) {
            for (Long b : right) {
                this.blocked.add(a * 1000 + b);
                this.blocked.add(b * 1000 + a);
            }
        }
        line("partitioned " + left + " from " + right);
    }

    private void stabilize() {
        for (int round = 0; round < 200; round++) {
            boolean progressed = false;
            for (Long id : this.members.keySet()) {
                Member member = this.members.get(id);
                if (member.up && member.raft.hasReady()) {
                    processReady(id);
                    progressed = true;
                }
            }
            if (!this.inflight.isEmpty()) {
                deliver(0);
                progressed = true;
            }
            if (!progressed) {
                return;
            }
        }
        throw new IllegalStateException("stabilize did not converge");
    }

    private void deliver(long only) {
        List<Message> batch = new ArrayList<>();
        this.inflight.removeIf((m) -> {
            if (only == 0 || m.to() == only) {
                batch.add(m);
                return true;
            }
            return false;
        });
        for (Message message : batch) {
            Member target = this.members.get(message.to());
            if (target == null || !target.up || this.blocked.contains(message.from() * 1000 + message.to())) {
                line("  " + TraceFormat.message(message) + " DROPPED");
                continue;
            }
            line("  " + TraceFormat.message(message));
            long term = target.raft.term();
            RaftStatus.RoleName role = target.raft.status().role();
            target.raft.step(message);
            RaftStatus after = target.raft.status();
            if (after.term() != term || after.role() != role) {
                line("    " + message.to() + " became " + after.role() + " at term " + after.term());
            }
        }
        for (Message message : batch) {
            if (this.members.get(message.to()) != null && this.members.get(message.to()).up) {
                processReady(message.to());
            }
        }
    }

    private void processReady(long id) {
        Member member = this.members.get(id);
        while (member.up && member.raft.hasReady()) {
            Ready ready = member.raft.ready();
            List<String> parts = new ArrayList<>();
            if (ready.hardState() != null) {
                member.hardState = ready.hardState();
                parts.add("hs term=" + ready.hardState().term() + " vote=" + ready.hardState().vote());
            }
            if (ready.snapshot() != null) {
                member.snapshot = ready.snapshot();
                member.log = new InMemoryLogStore();
                member.log.compact(ready.snapshot().index());
                member.applied = ready.snapshot().index();
                parts.add("install " + ready.snapshot());
            }
            if (!ready.entries().isEmpty()) {
                appendToStore(member, ready.entries());
                parts.add("append " + ready.entries());
            }
            if (!ready.committedEntries().isEmpty()) {
                member.applied = ready.committedEntries().get(ready.committedEntries().size() - 1).index();
                parts.add("apply " + ready.committedEntries());
            }
            for (ReadState read : ready.readStates()) {
                parts.add("read " + new String(read.context(), StandardCharsets.UTF_8) + "@" + read.index());
            }
            this.inflight.addAll(ready.messages());
            if (!parts.isEmpty()) {
                line(id + ": " + String.join("; ", parts));
            }
            member.raft.advance(ready);
        }
    }

    private static void appendToStore(Member member, List<Entry> entries) {
        long first = entries.get(0).index();
        if (first < member.log.firstIndex()) {
            member.log.compact(first - 1);
        }
        if (first > member.log.lastIndex() + 1) {
            member.log.compact(first - 1);
        }
        member.log.append(entries);
    }

    private void status(long id) {
        Member member = this.members.get(id);
        if (!member.up) {
            line(id + ": down");
            return;
        }
        RaftStatus s = member.raft.status();
        line(id + ": " + s.role() + " term=" + s.term() + " leader=" + s.leader() + " commit=" + s.commitIndex()
                + " applied=" + member.applied + " last=" + s.lastIndex() + " " + s.membership()
                + (s.matchIndex().isEmpty() ? "" : " match=" + s.matchIndex()));
    }

    private void log(long id) {
        Member member = this.members.get(id);
        String entries = (member.log.lastIndex() >= member.log.firstIndex())
                ? member.log.entries(member.log.firstIndex(), member.log.lastIndex())
                    .stream()
                    .map(Entry::toString)
                    .collect(Collectors.joining(", "))
                : "";
        line(id + ": snapshot=" + ((member.snapshot != null) ? member.snapshot.index() : 0) + " [" + entries + "]");
    }

    private Member member(List<String> args) {
        return this.members.get(id(args, 0));
    }

    private static long id(List<String> args, int position) {
        return Long.parseLong(args.get(position));
    }

    private void line(String text) {
        this.out.append(text).append('\n');
    }

}
