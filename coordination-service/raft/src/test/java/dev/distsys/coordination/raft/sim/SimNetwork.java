package dev.distsys.coordination.raft.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

import dev.distsys.coordination.raft.Message;

/**
 * Messages in flight with loss, duplication, delay (hence reordering) and directed link
 * cuts.
 */
final class SimNetwork {

    private record InFlight(long deliverAt, long sequence, Message message) {
    }

    private final PriorityQueue<InFlight> queue = new PriorityQueue<>((a, b) -> (a.deliverAt != b.deliverAt)
            ? Long.compare(a.deliverAt, b.deliverAt) : Long.compare(a.sequence, b.sequence));

    private final Set<Long> blocked = new HashSet<>();

    private final SimRandom random;

    private FaultProfile profile;

    private boolean healed;

    private long sequence;

    long sent;

    long dropped;

    SimNetwork(SimRandom random, FaultProfile profile) {
        this.random = random;
        this.profile = profile;
    }

    void send(long now, Message message) {
        this.sent++;
        if (isBlocked(message.from(), message.to()) || (!this.healed && this.random.chance(this.profile.dropRate()))) {
            this.dropped++;
            return;
        }
        enqueue(now, message);
        if (!this.healed && this.random.chance(this.profile.duplicateRate())) {
            enqueue(now, message);
        }
    }

    private void enqueue(long now, Message message) {
        int maxDelay = this.healed ? 2 : this.profile.maxDelayTicks();
        this.queue.add(new InFlight(now + this.random.between(1, maxDelay), this.sequence++, message));
    }

    /**
     * @return messages due by {@code now}, in delivery order; those on cut links are lost
     */
    List<Message> due(long now) {
        List<Message> out = new ArrayList<>();
        while (!this.queue.isEmpty() && this.queue.peek().deliverAt() <= now) {
            Message message = this.queue.poll().message();
            if (!isBlocked(message.from(), message.to())) {
                out.add(message);
            }
        }
        return out;
    }

    void block(long from, long to) {
        this.blocked.add(link(from, to));
    }

    void blockBoth(long a, long b) {
        block(a, b);
        block(b, a);
    }

    void healPartitions() {
        this.blocked.clear();
    }

    boolean partitioned() {
        return !this.blocked.isEmpty();
    }

    /** No more loss, duplication or long delays: the network of the liveness phase. */
    void heal() {
        this.healed = true;
        healPartitions();
    }

    private boolean isBlocked(long from, long to) {
        return this.blocked.contains(link(from, to));
    }

    private static long link(long from, long to) {
        return from * 1_000_003L + to;
    }

}
