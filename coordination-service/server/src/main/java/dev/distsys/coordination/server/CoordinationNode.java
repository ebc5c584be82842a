package dev.distsys.coordination.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.RaftConfig;
import dev.distsys.coordination.server.node.DriverSettings;
import dev.distsys.coordination.server.node.RaftDriver;
import dev.distsys.coordination.server.transport.PeerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * This process's member: the driver and its peer transport, started before the web server
 * takes requests and stopped after it drained them.
 */
public final class CoordinationNode implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CoordinationNode.class);

    private static final int MAX_FRAME_BYTES = 16 << 20;

    private static final int PEER_QUEUE = 4096;

    private final CoordinationProperties properties;

    private final RaftDriver driver;

    private final PeerTransport transport;

    private final ApplicationContext context;

    private volatile boolean running;

    CoordinationNode(CoordinationProperties properties, RaftDriver driver, ApplicationContext context) {
        this.properties = properties;
        this.driver = driver;
        this.context = context;
        Map<Long, InetSocketAddress> peers = new HashMap<>();
        properties.memberList()
            .forEach((id, member) -> peers.put((long) id,
                    new InetSocketAddress(member.peerAddress().getHostString(), member.peerAddress().getPort())));
        InetSocketAddress self = peers.get((long) properties.memberId());
        this.transport = (peers.size() > 1)
                ? new PeerTransport(properties.memberId(), new InetSocketAddress(self.getAddress(), self.getPort()),
                        peers, MAX_FRAME_BYTES, PEER_QUEUE, driver::receive)
                : null;
    }

    static DriverSettings settings(CoordinationProperties properties) {
        RaftConfig raft = RaftConfig.ofDefaults(properties.memberId())
            .withElectionTicks(properties.electionTicksMin(), properties.electionTicksMax(), 1)
            .validate();
        Set<Long> voters = new HashSet<>();
        properties.memberList().keySet().forEach((id) -> voters.add((long) id));
        return new DriverSettings(raft, new Membership(voters, Set.of()), properties.dataDir(), properties.tickMs(),
                properties.snapshotEntries(), properties.leaseCheckpointMs(), 100_000, 10_000, 4096, 1000);
    }

    public RaftDriver driver() {
        return this.driver;
    }

    /**
     * @return nanoTime of the last message from a peer, or Long.MIN_VALUE
     */
    public long lastContactNanos(long peerId) {
        if (peerId == this.driver.id()) {
            return System.nanoTime();
        }
        return (this.transport != null) ? this.transport.lastContactNanos(peerId) : Long.MIN_VALUE;
    }

    /** Whether this member has a leader it heard from within two election timeouts. */
    public boolean hasReachableLeader() {
        long leader = this.driver.leaderId();
        if (leader == 0) {
            return false;
        }
        long limit = TimeUnit.MILLISECONDS.toNanos(2L * this.properties.electionTicksMax() * this.properties.tickMs());
        return System.nanoTime() - lastContactNanos(leader) < limit;
    }

    public PeerTransport transport() {
        return this.transport;
    }

    @Override
    public void start() {
        try {
            if (this.transport != null) {
                this.transport.start();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot listen for peers of member " + this.properties.memberId()
                    + ": is another member using the same peer port?", ex);
        }
        this.driver.start((message) -> this.transport.send(message), (failure) -> {
            // The durable state is unknown after a storage error: stop the process, a
            // restart
            // recovers from what is on disk (LogStore contract).
            Thread.ofPlatform().start(() -> System.exit(SpringApplication.exit(this.context, () -> 70)));
        });
        if (this.transport == null) {
            awaitSingleMemberLeadership();
        }
        this.running = true;
    }

    private void awaitSingleMemberLeadership() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!this.driver.isLeader() && System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        log.info("single member {} leads: {}", this.properties.memberId(), this.driver.isLeader());
    }

    @Override
    public void stop() {
        this.running = false;
        if (this.transport != null) {
            this.transport.close();
        }
        this.driver.close();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        // Before the web server (which starts last and stops first).
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

}
