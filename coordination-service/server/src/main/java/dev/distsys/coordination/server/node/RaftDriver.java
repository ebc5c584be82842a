package dev.distsys.coordination.server.node;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.EntryType;
import dev.distsys.coordination.raft.Message;
import dev.distsys.coordination.raft.ProposalDroppedException;
import dev.distsys.coordination.raft.ProposalId;
import dev.distsys.coordination.raft.RaftNode;
import dev.distsys.coordination.raft.RaftStatus;
import dev.distsys.coordination.raft.RandomSource;
import dev.distsys.coordination.raft.ReadState;
import dev.distsys.coordination.raft.Ready;
import dev.distsys.coordination.raft.Snapshot;
import dev.distsys.coordination.server.state.Command;
import dev.distsys.coordination.server.state.CoordinationState;
import dev.distsys.coordination.server.state.Granted;
import dev.distsys.coordination.server.state.KvEvent;
import dev.distsys.coordination.server.state.MutexKind;
import dev.distsys.coordination.server.state.Proposal;
import dev.distsys.coordination.server.state.Result;
import dev.distsys.coordination.server.state.StateCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that owns the Raft core and the state machine. It takes peer
 * messages, client proposals and reads from one bounded inbox, ticks the core on a timer,
 * and for each {@link Ready}: persists (one fsync for everything the loop gathered: group
 * commit), sends, applies, answers, then acknowledges. Other threads talk to it only
 * through the inbox, so neither the core nor the state needs locks.
 */
public final class RaftDriver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RaftDriver.class);

    private static final int DRAIN_BATCH = 8192;

    private final DriverSettings settings;

    private final long id;

    private final long tickNanos;

    private final BlockingQueue<Object> inbox;

    private final RaftStorage storage;

    private final StateCodec codec = new StateCodec();

    private final LeaseKeeper leases;

    private final WatchHub watches;

    private final DriverMetrics metrics;

    private final Map<Long, Pending> pendingWrites = new HashMap<>();

    private final Map<Long, PendingRead> pendingReads = new HashMap<>();

    private final List<WaitingRead> waitingReads = new ArrayList<>();

    private final Map<String, List<CompletableFuture<Granted>>> grantWaiters = new HashMap<>();

    private final CountDownLatch stopped = new CountDownLatch(1);

    private Consumer<Message> sender = (message) -> {
    };

    private Consumer<Throwable> onFatal = (ex) -> {
    };

    private RaftNode node;

    private CoordinationState state;

    private long applied;

    private long snapshotIndex;

    private long nextReadId;

    private boolean wasLeader;

    private volatile boolean running = true;

    private volatile long leaderId;

    private volatile boolean leader;

    private volatile NodeStatus status;

    private Thread thread;

    private record Pending(long term, CompletableFuture<Result> future) {
    }

    private record WaitingRead(long index, Runnable read) {
    }

    private record PendingRead(Runnable answer, CompletableFuture<?> future) {
    }

    public RaftDriver(DriverSettings settings, DriverMetrics metrics) {
        this.settings = settings;
        this.id = settings.raft().id();
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(settings.tickMs());
        this.inbox = new LinkedBlockingQueue<>(settings.inboxCapacity());
        this.storage = new RaftStorage(settings.dataDir());
        this.leases = new LeaseKeeper(settings.leaseCheckpointMs());
        this.watches = new WatchHub(settings.watchHistory(), settings.watchQueue(), settings.maxWatchers());
        this.metrics = metrics;
        recover();
    }

    private void recover() {
        RandomSource random = RandomSource.seeded(System.nanoTime() ^ this.id);
        if (this.storage.isEmpty()) {
            this.node = RaftNode.bootstrap(this.settings.raft(), random, this.settings.initial());
            this.state = new CoordinationState();
            log.info("member {} bootstraps a new cluster of {}", this.id, this.settings.initial());
        }
        else {
            Snapshot snapshot = this.storage.snapshot().orElse(null);
            long base = (snapshot != null) ? snapshot.index() : 0;
            this.node = RaftNode.restart(this.settings.raft(), random, this.storage.hardState(), snapshot,
                    this.storage.entriesAfter(base));
            this.state = (snapshot != null) ? this.codec.restore(snapshot.data()) : new CoordinationState();
            this.applied = base;
            this.snapshotIndex = base;
            log.info("member {} restarts at term {} from snapshot {} with log up to {}", this.id, this.node.term(),
                    base, this.node.status().lastIndex());
        }
        this.watches.reset(this.state.revision());
        refreshStatus();
    }

    /**
     * Starts the loop.
     * @param peerSender where outgoing messages go (the transport)
     * @param fatal called once if the durable state can no longer be trusted
     */
    public void start(Consumer<Message> peerSender, Consumer<Throwable> fatal) {
        this.sender = peerSender;
        this.onFatal = fatal;
        if (this.settings.initial().voters().size() == 1 && this.node.membership().voters().size() == 1) {
            // A single member need not wait an election timeout to lead.
            this.node.campaign();
        }
        this.thread = Thread.ofPlatform().name("raft-driver-" + this.id).start(this::loop);
    }

    // ---- inputs from other threads

    /**
     * Hands a peer's message to the loop, blocking while the inbox is full
     * (back-pressure).
     */
    public void receive(Message message) {
        try {
            this.inbox.put(message);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Proposes a command; completes with its result once applied here, or fails with
     * {@link UnavailableException} if it certainly was not applied. Callers time it out
     * (then the outcome is unknown).
     */
    public CompletableFuture<Result> propose(Proposal proposal) {
        CompletableFuture<Result> future = new CompletableFuture<>();
        byte[] bytes = this.codec.encode(proposal);
        submit(future, () -> doPropose(proposal, bytes, future));
        return future;
    }

    /**
     * Runs {@code read} against the state: serializable reads at once, linearizable ones
     * after a ReadIndex round confirmed leadership and the state applied that index.
     */
    public <T> CompletableFuture<T> read(Function<CoordinationState, T> read, boolean linearizable) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Runnable answer = () -> {
            try {
                future.complete(read.apply(this.state));
            }
            catch (RuntimeException ex) {
                future.completeExceptionally(ex);
            }
        };
        submit(future, () -> {
            if (!linearizable) {
                answer.run();
            }
            else {
                doReadIndex(answer, future);
            }
        });
        return future;
    }

    /**
     * Completes with the fencing token (or term) once {@code leaseId} holds the mutex, as
     * applied on this member.
     */
    public CompletableFuture<Granted> awaitGrant(MutexKind kind, String name, String leaseId) {
        CompletableFuture<Granted> future = new CompletableFuture<>();
        submit(future, () -> {
            var view = this.state.mutex(kind, name);
            if (view.held() && leaseId.equals(view.leaseId())) {
                future.complete(new Granted(kind, name, leaseId, view.token(), this.state.revision()));
                return;
            }
            this.grantWaiters.computeIfAbsent(grantKey(kind, name, leaseId), (k) -> new ArrayList<>()).add(future);
        });
        return future;
    }

    /**
     * Subscribes to key changes from {@code fromRevision} (null: from the next change).
     */
    public CompletableFuture<WatchHub.Watcher> watch(String prefix, Long fromRevision) {
        CompletableFuture<WatchHub.Watcher> future = new CompletableFuture<>();
        submit(future, () -> {
            try {
                long from = (fromRevision != null) ? fromRevision : this.state.revision() + 1;
                future.complete(this.watches.subscribe(prefix, from));
            }
            catch (RuntimeException ex) {
                future.completeExceptionally(ex);
            }
        });
        return future;
    }

    private void submit(CompletableFuture<?> future, Runnable task) {
        if (!this.running) {
            future.completeExceptionally(new UnavailableException("member " + this.id + " is stopping", 1));
        }
        else if (!this.inbox.offer(task)) {
            future.completeExceptionally(new UnavailableException("member " + this.id + " is overloaded", 1));
        }
    }

    public boolean isLeader() {
        return this.leader;
    }

    /**
     * @return the leader this member knows, 0 if none
     */
    public long leaderId() {
        return this.leaderId;
    }

    public long id() {
        return this.id;
    }

    public NodeStatus status() {
        return this.status;
    }

    // ---- the loop

    private void loop() {
        long nextTick = System.nanoTime() + this.tickNanos;
        List<Object> batch = new ArrayList<>();
        try {
            while (this.running) {
                long wait = nextTick - System.nanoTime();
                if (wait > 0) {
                    Object first = this.inbox.poll(wait, TimeUnit.NANOSECONDS);
                    if (first != null) {
                        batch.add(first);
                    }
                }
                this.inbox.drainTo(batch, DRAIN_BATCH);
                for (Object item : batch) {
                    handle(item);
                }
                batch.clear();
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    this.node.tick();
                    // After a long pause, do not replay every missed tick at once.
                    nextTick = (now - nextTick > 10 * this.tickNanos) ? now + this.tickNanos
                            : nextTick + this.tickNanos;
                    processReady();
                    onTick(now);
                    refreshStatus();
                }
                processReady();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException | Error ex) {
            log.error("member {} stops: its driver failed and its durable state may be inconsistent", this.id, ex);
            this.running = false;
            this.onFatal.accept(ex);
        }
        finally {
            failEverything();
            this.stopped.countDown();
        }
    }

    private void handle(Object item) {
        if (item instanceof Message message) {
            this.node.step(message);
        }
        else {
            ((Runnable) item).run();
        }
    }

    private void doPropose(Proposal proposal, byte[] bytes, CompletableFuture<Result> future) {
        if (!this.node.isLeader()) {
            future.completeExceptionally(new NotLeaderException(this.id, this.node.leader()));
            return;
        }
        if (proposal.command() instanceof Command.KeepAlive keepAlive && (!this.state.hasLease(keepAlive.leaseId())
                || this.leases.isExpired(keepAlive.leaseId(), System.nanoTime()))) {
            future.complete(new Result(Result.Code.NOT_FOUND, this.state.revision(), 0,
                    "lease " + keepAlive.leaseId() + " does not exist or has expired"));
            return;
        }
        try {
            ProposalId proposalId = this.node.propose(bytes);
            this.pendingWrites.put(proposalId.index(), new Pending(proposalId.term(), future));
            this.metrics.proposed();
        }
        catch (ProposalDroppedException ex) {
            future.completeExceptionally(new UnavailableException(ex.getMessage(), 1));
        }
        catch (dev.distsys.coordination.raft.NotLeaderException ex) {
            future.completeExceptionally(new NotLeaderException(this.id, ex.leaderHint()));
        }
    }

    private void doReadIndex(Runnable answer, CompletableFuture<?> future) {
        if (!this.node.isLeader()) {
            future.completeExceptionally(new NotLeaderException(this.id, this.node.leader()));
            return;
        }
        long readId = ++this.nextReadId;
        try {
            this.node.readIndex(ByteBuffer.allocate(8).putLong(readId).array());
            this.pendingReads.put(readId, new PendingRead(() -> {
                if (!future.isDone()) {
                    answer.run();
                }
            }, future));
        }
        catch (RuntimeException ex) {
            future.completeExceptionally(new UnavailableException(ex.getMessage(), 1));
        }
    }

    private void processReady() {
        while (this.node.hasReady()) {
            Ready ready = this.node.ready();
            long start = System.nanoTime();
            if (this.storage.persist(ready)) {
                this.metrics.synced(System.nanoTime() - start);
            }
            for (Message message : ready.messages()) {
                this.sender.accept(message);
            }
            if (ready.snapshot() != null) {
                installSnapshot(ready.snapshot());
            }
            for (Entry entry : ready.committedEntries()) {
                apply(entry);
            }
            for (ReadState readState : ready.readStates()) {
                PendingRead read = this.pendingReads.remove(ByteBuffer.wrap(readState.context()).getLong());
                if (read != null) {
                    this.waitingReads.add(new WaitingRead(readState.index(), read.answer()));
                }
            }
            answerReads();
            this.node.advance(ready);
        }
        boolean isLeaderNow = this.node.isLeader();
        if (isLeaderNow && !this.wasLeader) {
            log.info("member {} leads term {}", this.id, this.node.term());
            this.leases.onLeadership(this.state, System.nanoTime());
            this.metrics.elected();
        }
        else if (!isLeaderNow && this.wasLeader) {
            log.info("member {} no longer leads (term {})", this.id, this.node.term());
            // The core drops unconfirmed reads: refuse them now (a read changed nothing,
            // so a
            // retry is safe) instead of letting them time out.
            NotLeaderException lost = new NotLeaderException(this.id, this.node.leader());
            this.pendingReads.values().forEach((read) -> read.future().completeExceptionally(lost));
            this.pendingReads.clear();
        }
        this.wasLeader = isLeaderNow;
        this.leader = isLeaderNow;
        this.leaderId = this.node.leader();
        maybeSnapshot();
    }

    private void installSnapshot(Snapshot snapshot) {
        this.state = this.codec.restore(snapshot.data());
        this.applied = snapshot.index();
        this.snapshotIndex = snapshot.index();
        this.watches.reset(this.state.revision());
        log.info("member {} installed the leader's snapshot at {}", this.id, snapshot.index());
    }

    private void apply(Entry entry) {
        Result result = null;
        if (entry.type() == EntryType.NORMAL && entry.data().length > 0) {
            Proposal proposal = this.codec.decode(entry.data());
            result = this.state.apply(proposal);
            this.leases.onApplied(proposal.command(), result, this.state, System.nanoTime());
            List<KvEvent> events = this.state.drainEvents();
            if (!events.isEmpty()) {
                this.watches.publish(events);
            }
            for (Granted granted : this.state.drainGrants()) {
                List<CompletableFuture<Granted>> waiters = this.grantWaiters
                    .remove(grantKey(granted.kind(), granted.name(), granted.leaseId()));
                if (waiters != null) {
                    waiters.forEach((f) -> f.complete(granted));
                }
            }
        }
        this.applied = entry.index();
        Pending pending = this.pendingWrites.remove(entry.index());
        if (pending != null) {
            if (pending.term() == entry.term() && result != null) {
                pending.future().complete(result);
            }
            else {
                pending.future()
                    .completeExceptionally(new UnavailableException(
                            "the proposal was lost to a leader change before it committed; it was not applied", 1));
            }
        }
    }

    private void answerReads() {
        Iterator<WaitingRead> it = this.waitingReads.iterator();
        while (it.hasNext()) {
            WaitingRead read = it.next();
            if (read.index() <= this.applied) {
                it.remove();
                read.read().run();
            }
        }
    }

    private void onTick(long now) {
        if (!this.node.isLeader()) {
            return;
        }
        List<Command.LeaseMark> expired = this.leases.dueForExpiry(this.state, now);
        if (!expired.isEmpty()) {
            proposeInternal(new Command.ExpireLeases(expired));
        }
        List<Command.LeaseMark> checkpoint = this.leases.checkpointDue(this.state, now);
        if (!checkpoint.isEmpty()) {
            proposeInternal(new Command.CheckpointLeases(checkpoint));
        }
        this.grantWaiters.values().forEach((list) -> list.removeIf(CompletableFuture::isDone));
        this.grantWaiters.values().removeIf(List::isEmpty);
    }

    private void proposeInternal(Command command) {
        try {
            this.node.propose(this.codec.encode(Proposal.of(command)));
        }
        catch (RuntimeException ex) {
            log.debug("member {} could not propose {}: {}", this.id, command.getClass().getSimpleName(),
                    ex.getMessage());
        }
    }

    private void maybeSnapshot() {
        if (this.applied - this.snapshotIndex < this.settings.snapshotEntries()
                || this.node.appliedIndex() != this.applied) {
            return;
        }
        Snapshot snapshot = this.node.compact(this.applied, this.codec.snapshot(this.state));
        if (snapshot != null) {
            this.storage.saveOwnSnapshot(snapshot);
            this.snapshotIndex = snapshot.index();
            log.info("member {} took a snapshot at {} ({} bytes)", this.id, snapshot.index(), snapshot.data().length);
        }
    }

    private void refreshStatus() {
        RaftStatus raft = this.node.status();
        this.status = new NodeStatus(this.id, raft.role(), raft.term(), raft.leader(), raft.commitIndex(), this.applied,
                this.state.revision(), raft.membership(), raft.matchIndex(), this.state.leaseCount(),
                this.state.lockWaiters(), this.watches.watcherCount());
        this.leaderId = raft.leader();
    }

    private void failEverything() {
        UnavailableException stopping = new UnavailableException("member " + this.id + " stopped", 1);
        this.pendingWrites.values().forEach((p) -> p.future().completeExceptionally(stopping));
        this.pendingWrites.clear();
        this.grantWaiters.values().forEach((l) -> l.forEach((f) -> f.completeExceptionally(stopping)));
        Object item;
        while ((item = this.inbox.poll()) != null) {
            if (item instanceof Runnable) {
                // Tasks complete their futures only when run: run none, so callers time
                // out
                // with 503s from the stopping check instead.
                continue;
            }
        }
    }

    private static String grantKey(MutexKind kind, String name, String leaseId) {
        return kind + "\u0000" + name + "\u0000" + leaseId;
    }

    @Override
    public void close() {
        this.running = false;
        if (this.thread != null) {
            try {
                this.stopped.await(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        this.storage.close();
    }

}
