package dev.distsys.coordination.raft.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * A key-value client with one operation outstanding: it follows leader hints, times out
 * and retries at another member with the same serial number, like a real client would.
 */
final class SimClient {

    static final int TIMEOUT_TICKS = 25;

    private static final String[] KEYS = { "x", "y" };

    final long id;

    private final SimRandom random;

    private final Map<String, String> lastSeen = new HashMap<>();

    private long serial;

    private KvCommand current;

    private long callTime;

    private int attempt;

    private long target;

    private long deadline;

    private long nextActionAt;

    private boolean sent;

    SimClient(long id, SimRandom random) {
        this.id = id;
        this.random = random;
    }

    boolean idle() {
        return this.current == null;
    }

    KvCommand current() {
        return this.current;
    }

    int attempt() {
        return this.attempt;
    }

    /** One tick of client behaviour: start an operation, (re)send it, or time out. */
    void tick(long now, boolean issueNew, SimCluster cluster) {
        if (this.current == null) {
            if (issueNew && now >= this.nextActionAt) {
                start(cluster, now);
            }
            return;
        }
        if (this.sent && now >= this.deadline) {
            this.sent = false;
            this.target = cluster.randomMember(this.random);
            this.nextActionAt = now;
        }
        if (!this.sent && now >= this.nextActionAt) {
            this.sent = true;
            this.attempt++;
            this.deadline = now + TIMEOUT_TICKS;
            cluster.submit(this, this.target, now);
        }
    }

    private void start(SimCluster cluster, long now) {
        this.serial++;
        String key = KEYS[this.random.nextInt(KEYS.length)];
        String value = "v" + this.id + "." + this.serial;
        int dice = this.random.nextInt(100);
        KvCommand.Kind kind = (dice < 40) ? KvCommand.Kind.PUT : (dice < 75) ? KvCommand.Kind.GET : KvCommand.Kind.CAS;
        this.current = new KvCommand(this.id, this.serial, kind, key, value, this.lastSeen.get(key));
        this.callTime = cluster.history().invoke();
        this.attempt = 0;
        this.sent = false;
        this.target = (this.target != 0) ? this.target : cluster.randomMember(this.random);
        this.nextActionAt = now;
    }

    /** The member answered "not leader". */
    void redirect(long leaderHint, long now, SimCluster cluster) {
        this.sent = false;
        if (leaderHint != 0) {
            this.target = leaderHint;
            this.nextActionAt = now + 1;
        }
        else {
            this.target = cluster.randomMember(this.random);
            this.nextActionAt = now + 3;
        }
    }

    /**
     * The member refused for now (busy, transfer in progress): retry the same member
     * shortly.
     */
    void backOff(long now) {
        this.sent = false;
        this.nextActionAt = now + 2;
    }

    void complete(long serialNumber, String output, History history, long now) {
        if (this.current == null || serialNumber != this.serial) {
            return;
        }
        KvCommand done = this.current;
        history.complete(done, this.callTime, output);
        if (done.kind() == KvCommand.Kind.GET) {
            this.lastSeen.put(done.key(), output);
        }
        else if (done.kind() == KvCommand.Kind.PUT || "true".equals(output)) {
            this.lastSeen.put(done.key(), done.value());
        }
        this.current = null;
        this.nextActionAt = now + this.random.nextInt(4);
    }

    /** At the end of the run: an unanswered write may or may not have happened. */
    void abandon(History history) {
        if (this.current != null && this.current.kind() != KvCommand.Kind.GET) {
            history.abandon(this.current, this.callTime);
        }
    }

}
