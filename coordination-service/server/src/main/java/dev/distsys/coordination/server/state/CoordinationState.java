package dev.distsys.coordination.server.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.distsys.coordination.server.state.Command.Acquire;
import dev.distsys.coordination.server.state.Command.CheckpointLeases;
import dev.distsys.coordination.server.state.Command.Delete;
import dev.distsys.coordination.server.state.Command.Deregister;
import dev.distsys.coordination.server.state.Command.ExpireLeases;
import dev.distsys.coordination.server.state.Command.GrantLease;
import dev.distsys.coordination.server.state.Command.KeepAlive;
import dev.distsys.coordination.server.state.Command.Put;
import dev.distsys.coordination.server.state.Command.Register;
import dev.distsys.coordination.server.state.Command.Release;
import dev.distsys.coordination.server.state.Command.Resign;
import dev.distsys.coordination.server.state.Command.RevokeLease;
import dev.distsys.coordination.server.state.Command.Withdraw;

/**
 * The replicated state machine: key-value store with one global revision, leases, locks
 * and elections with FIFO waiters, and the service registry. Pure and single-threaded:
 * the same entries applied in the same order give the same state and answers on every
 * member. It never reads a clock; lease expiry arrives as a command the leader decided.
 */
public final class CoordinationState {

    /** Bound on remembered client sessions; the least recently used one goes first. */
    public static final int MAX_SESSIONS = 10_000;

    private long revision;

    private final TreeMap<String, KeyValue> keys = new TreeMap<>();

    private final Map<String, Lease> leases = new LinkedHashMap<>();

    private final Map<MutexKind, TreeMap<String, Mutex>> mutexes = Map.of(MutexKind.LOCK, new TreeMap<>(),
            MutexKind.ELECTION, new TreeMap<>());

    private final TreeMap<String, TreeMap<String, Instance>> registry = new TreeMap<>();

    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    private final List<KvEvent> events = new ArrayList<>();

    private final List<Granted> grants = new ArrayList<>();

    private static final class Lease {

        final String id;

        final long ttlMs;

        long elapsedMs;

        long renewals;

        final Set<String> keys = new LinkedHashSet<>();

        Lease(String id, long ttlMs) {
            this.id = id;
            this.ttlMs = ttlMs;
        }

    }

    /**
     * Applies one committed proposal; a retried request of a known session gets its first
     * answer again.
     */
    public Result apply(Proposal proposal) {
        Command command = proposal.command();
        if (proposal.clientId() == null || !command.fromClient()) {
            return dispatch(command);
        }
        Session session = this.sessions.get(proposal.clientId());
        if (session != null) {
            Result earlier = session.results.get(proposal.serial());
            if (earlier != null) {
                return earlier;
            }
            if (session.isStale(proposal.serial())) {
                return Result.conflict(this.revision, 0, "request " + proposal.serial() + " of session "
                        + proposal.clientId() + " is older than the session remembers: its outcome is unknown");
            }
        }
        else {
            session = new Session();
            this.sessions.put(proposal.clientId(), session);
            if (this.sessions.size() > MAX_SESSIONS) {
                this.sessions.remove(this.sessions.keySet().iterator().next());
            }
        }
        Result result = dispatch(command);
        session.record(proposal.serial(), result);
        return result;
    }

    private Result dispatch(Command command) {
        return switch (command) {
            case Put put -> put(put);
            case Delete delete -> delete(delete);
            case GrantLease grant -> grant(grant);
            case KeepAlive keepAlive -> keepAlive(keepAlive);
            case RevokeLease revoke -> revoke(revoke.leaseId());
            case ExpireLeases expire -> expire(expire);
            case CheckpointLeases checkpoint -> checkpoint(checkpoint);
            case Acquire acquire -> acquire(acquire);
            case Release release -> release(release);
            case Withdraw withdraw -> withdraw(withdraw);
            case Resign resign -> resign(resign);
            case Register register -> register(register);
            case Deregister deregister -> deregister(deregister);
        };
    }

    // ---- key-value

    private Result put(Put put) {
        KeyValue current = this.keys.get(put.key());
        long currentRevision = (current != null) ? current.modRevision() : 0;
        if (put.prevRevision() != null && put.prevRevision() != currentRevision) {
            return Result.conflict(this.revision, currentRevision,
                    "key " + put.key() + " is at revision " + currentRevision + ", not " + put.prevRevision());
        }
        if (put.leaseId() != null && !this.leases.containsKey(put.leaseId())) {
            return Result.notFound(this.revision, "lease " + put.leaseId() + " does not exist or has expired");
        }
        if (put.fence() != null) {
            Mutex lock = this.mutexes.get(MutexKind.LOCK).get(put.fence().lock());
            if (lock == null || lock.holderLease == null || lock.token != put.fence().token()) {
                long held = (lock != null && lock.holderLease != null) ? lock.token : 0;
                return Result.conflict(this.revision, currentRevision, "fencing token " + put.fence().token()
                        + " does not hold lock " + put.fence().lock() + " (current token " + held + ")");
            }
        }
        this.revision++;
        if (current != null && current.leaseId() != null && !current.leaseId().equals(put.leaseId())) {
            Lease old = this.leases.get(current.leaseId());
            if (old != null) {
                old.keys.remove(put.key());
            }
        }
        if (put.leaseId() != null) {
            this.leases.get(put.leaseId()).keys.add(put.key());
        }
        long created = (current != null) ? current.createRevision() : this.revision;
        this.keys.put(put.key(), new KeyValue(put.key(), put.value(), created, this.revision, put.leaseId()));
        this.events.add(new KvEvent("PUT", put.key(), put.value(), this.revision));
        return Result.ok(this.revision, this.revision);
    }

    private Result delete(Delete delete) {
        KeyValue current = this.keys.get(delete.key());
        long currentRevision = (current != null) ? current.modRevision() : 0;
        if (delete.prevRevision() != null && delete.prevRevision() != currentRevision) {
            return Result.conflict(this.revision, currentRevision,
                    "key " + delete.key() + " is at revision " + currentRevision + ", not " + delete.prevRevision());
        }
        if (current == null) {
            return Result.ok(this.revision, 0);
        }
        removeKey(current);
        return Result.ok(this.revision, 1);
    }

    private void removeKey(KeyValue current) {
        this.revision++;
        this.keys.remove(current.key());
        if (current.leaseId() != null && this.leases.containsKey(current.leaseId())) {
            this.leases.get(current.leaseId()).keys.remove(current.key());
        }
        this.events.add(new KvEvent("DELETE", current.key(), null, this.revision));
    }

    // ---- leases

    private Result grant(GrantLease grant) {
        if (this.leases.containsKey(grant.leaseId())) {
            return Result.conflict(this.revision, 0, "lease " + grant.leaseId() + " exists");
        }
        this.revision++;
        this.leases.put(grant.leaseId(), new Lease(grant.leaseId(), grant.ttlMs()));
        return Result.ok(this.revision, grant.ttlMs());
    }

    private Result keepAlive(KeepAlive keepAlive) {
        Lease lease = this.leases.get(keepAlive.leaseId());
        if (lease == null) {
            return Result.notFound(this.revision, "lease " + keepAlive.leaseId() + " does not exist or has expired");
        }
        lease.elapsedMs = 0;
        lease.renewals++;
        return Result.ok(this.revision, lease.ttlMs);
    }

    private Result revoke(String leaseId) {
        Lease lease = this.leases.remove(leaseId);
        if (lease == null) {
            return Result.notFound(this.revision, "lease " + leaseId + " does not exist or has expired");
        }
        for (String key : List.copyOf(lease.keys)) {
            KeyValue current = this.keys.get(key);
            if (current != null && leaseId.equals(current.leaseId())) {
                removeKey(current);
            }
        }
        for (MutexKind kind : MutexKind.values()) {
            for (Map.Entry<String, Mutex> entry : this.mutexes.get(kind).entrySet()) {
                Mutex mutex = entry.getValue();
                mutex.removeWaiter(leaseId);
                if (mutex.isHeldBy(leaseId)) {
                    handOff(kind, entry.getKey(), mutex);
                }
            }
        }
        for (TreeMap<String, Instance> instances : this.registry.values()) {
            instances.values().removeIf((instance) -> leaseId.equals(instance.leaseId()));
        }
        this.registry.values().removeIf(Map::isEmpty);
        this.revision++;
        return Result.ok(this.revision, 0);
    }

    private Result expire(ExpireLeases expire) {
        for (Command.LeaseMark mark : expire.leases()) {
            Lease lease = this.leases.get(mark.leaseId());
            if (lease != null && lease.renewals == mark.renewals()) {
                revoke(mark.leaseId());
            }
        }
        return Result.ok(this.revision, 0);
    }

    private Result checkpoint(CheckpointLeases checkpoint) {
        for (Command.LeaseMark mark : checkpoint.leases()) {
            Lease lease = this.leases.get(mark.leaseId());
            if (lease != null && lease.renewals == mark.renewals()) {
                lease.elapsedMs = Math.max(lease.elapsedMs, Math.min(mark.elapsedMs(), lease.ttlMs));
            }
        }
        return Result.ok(this.revision, 0);
    }

    // ---- locks and elections

    private Result acquire(Acquire acquire) {
        if (!this.leases.containsKey(acquire.leaseId())) {
            return Result.notFound(this.revision, "lease " + acquire.leaseId() + " does not exist or has expired");
        }
        Mutex mutex = this.mutexes.get(acquire.kind()).computeIfAbsent(acquire.name(), (name) -> new Mutex());
        if (mutex.isHeldBy(acquire.leaseId())) {
            return Result.ok(this.revision, mutex.token);
        }
        if (mutex.isWaiting(acquire.leaseId())) {
            return Result.queued(this.revision);
        }
        this.revision++;
        if (mutex.holderLease == null) {
            give(acquire.kind(), acquire.name(), mutex, new Mutex.Waiter(acquire.leaseId(), acquire.value()));
            return Result.ok(this.revision, mutex.token);
        }
        mutex.waiters.addLast(new Mutex.Waiter(acquire.leaseId(), acquire.value()));
        return Result.queued(this.revision);
    }

    private Result release(Release release) {
        Mutex mutex = this.mutexes.get(MutexKind.LOCK).get(release.name());
        if (mutex == null || mutex.holderLease == null || mutex.token != release.token()) {
            long held = (mutex != null && mutex.holderLease != null) ? mutex.token : 0;
            return Result.conflict(this.revision, held, "fencing token " + release.token() + " does not hold lock "
                    + release.name() + " (current token " + held + ")");
        }
        this.revision++;
        handOff(MutexKind.LOCK, release.name(), mutex);
        return Result.ok(this.revision, 0);
    }

    private Result withdraw(Withdraw withdraw) {
        Mutex mutex = this.mutexes.get(withdraw.kind()).get(withdraw.name());
        if (mutex != null && mutex.isHeldBy(withdraw.leaseId())) {
            return Result.ok(this.revision, mutex.token);
        }
        if (mutex != null && mutex.removeWaiter(withdraw.leaseId())) {
            this.revision++;
        }
        return Result.conflict(this.revision, 0, withdraw.name() + " was not obtained in time");
    }

    private Result resign(Resign resign) {
        Mutex mutex = this.mutexes.get(MutexKind.ELECTION).get(resign.name());
        if (mutex == null) {
            return Result.ok(this.revision, 0);
        }
        boolean changed = mutex.removeWaiter(resign.leaseId());
        if (mutex.isHeldBy(resign.leaseId())) {
            handOff(MutexKind.ELECTION, resign.name(), mutex);
            changed = true;
        }
        if (changed) {
            this.revision++;
        }
        return Result.ok(this.revision, 0);
    }

    /**
     * Releases and, in the same entry, gives the mutex to the first waiter whose lease
     * still lives: no client round trip between holders.
     */
    private void handOff(MutexKind kind, String name, Mutex mutex) {
        mutex.holderLease = null;
        mutex.holderValue = null;
        while (!mutex.waiters.isEmpty()) {
            Mutex.Waiter next = mutex.waiters.pollFirst();
            if (this.leases.containsKey(next.leaseId())) {
                give(kind, name, mutex, next);
                return;
            }
        }
    }

    private void give(MutexKind kind, String name, Mutex mutex, Mutex.Waiter waiter) {
        mutex.lastToken++;
        mutex.token = mutex.lastToken;
        mutex.holderLease = waiter.leaseId();
        mutex.holderValue = waiter.value();
        this.grants.add(new Granted(kind, name, waiter.leaseId(), mutex.token, this.revision));
    }

    // ---- registry

    private Result register(Register register) {
        if (!this.leases.containsKey(register.leaseId())) {
            return Result.notFound(this.revision, "lease " + register.leaseId() + " does not exist or has expired");
        }
        this.revision++;
        Map<String, String> metadata = (register.metadata() != null) ? new TreeMap<>(register.metadata()) : Map.of();
        this.registry.computeIfAbsent(register.service(), (s) -> new TreeMap<>())
            .put(register.instanceId(), new Instance(register.service(), register.instanceId(), register.address(),
                    register.leaseId(), metadata, this.revision));
        return Result.ok(this.revision, 0);
    }

    private Result deregister(Deregister deregister) {
        TreeMap<String, Instance> instances = this.registry.get(deregister.service());
        if (instances == null || instances.remove(deregister.instanceId()) == null) {
            return Result.ok(this.revision, 0);
        }
        if (instances.isEmpty()) {
            this.registry.remove(deregister.service());
        }
        this.revision++;
        return Result.ok(this.revision, 1);
    }

    // ---- what applying produced

    /**
     * @return the key changes since the last call, in revision order
     */
    public List<KvEvent> drainEvents() {
        List<KvEvent> out = List.copyOf(this.events);
        this.events.clear();
        return out;
    }

    /**
     * @return the locks and leaderships handed over since the last call
     */
    public List<Granted> drainGrants() {
        List<Granted> out = List.copyOf(this.grants);
        this.grants.clear();
        return out;
    }

    // ---- queries

    public long revision() {
        return this.revision;
    }

    public KeyValue get(String key) {
        return this.keys.get(key);
    }

    public List<KeyValue> range(String prefix, int limit) {
        SortedMap<String, KeyValue> tail = this.keys.tailMap(prefix);
        List<KeyValue> out = new ArrayList<>();
        for (KeyValue kv : tail.values()) {
            if (!kv.key().startsWith(prefix) || out.size() >= limit) {
                break;
            }
            out.add(kv);
        }
        return out;
    }

    public LockView mutex(MutexKind kind, String name) {
        Mutex mutex = this.mutexes.get(kind).get(name);
        return (mutex != null) ? mutex.view() : new LockView(false, 0, null, null, 0);
    }

    public List<Instance> instances(String service) {
        TreeMap<String, Instance> instances = this.registry.get(service);
        return (instances != null) ? List.copyOf(instances.values()) : List.of();
    }

    /**
     * @return the names of services with at least one live instance, in order
     */
    public List<String> services() {
        return List.copyOf(this.registry.keySet());
    }

    public boolean hasLease(String leaseId) {
        return this.leases.containsKey(leaseId);
    }

    public List<LeaseView> leases() {
        return this.leases.values().stream().map((l) -> new LeaseView(l.id, l.ttlMs, l.elapsedMs, l.renewals)).toList();
    }

    public int leaseCount() {
        return this.leases.size();
    }

    public int lockWaiters() {
        int count = 0;
        for (TreeMap<String, Mutex> byName : this.mutexes.values()) {
            for (Mutex mutex : byName.values()) {
                count += mutex.waiters.size();
            }
        }
        return count;
    }

    // ---- snapshots

    StateImage image() {
        List<StateImage.LeaseImage> leaseImages = this.leases.values()
            .stream()
            .map((l) -> new StateImage.LeaseImage(l.id, l.ttlMs, l.elapsedMs, l.renewals))
            .toList();
        List<StateImage.MutexImage> mutexImages = new ArrayList<>();
        this.mutexes
            .forEach((kind, byName) -> byName.forEach((name, m) -> mutexImages.add(new StateImage.MutexImage(kind, name,
                    m.holderLease, m.holderValue, m.token, m.lastToken, List.copyOf(m.waiters)))));
        mutexImages.sort((a, b) -> (a.kind() + a.name()).compareTo(b.kind() + b.name()));
        List<Instance> instances = new ArrayList<>();
        this.registry.values().forEach((byId) -> instances.addAll(byId.values()));
        List<StateImage.SessionImage> sessionImages = new ArrayList<>();
        this.sessions.forEach((id, s) -> sessionImages.add(new StateImage.SessionImage(id, s.maxSerial,
                List.copyOf(s.results.keySet()), List.copyOf(s.results.values()))));
        return new StateImage(this.revision, List.copyOf(this.keys.values()), leaseImages, mutexImages, instances,
                sessionImages);
    }

    static CoordinationState from(StateImage image) {
        CoordinationState state = new CoordinationState();
        state.revision = image.revision();
        for (StateImage.LeaseImage l : image.leases()) {
            Lease lease = new Lease(l.id(), l.ttlMs());
            lease.elapsedMs = l.elapsedMs();
            lease.renewals = l.renewals();
            state.leases.put(l.id(), lease);
        }
        for (KeyValue kv : image.keys()) {
            state.keys.put(kv.key(), kv);
            if (kv.leaseId() != null && state.leases.containsKey(kv.leaseId())) {
                state.leases.get(kv.leaseId()).keys.add(kv.key());
            }
        }
        for (StateImage.MutexImage m : image.mutexes()) {
            Mutex mutex = new Mutex();
            mutex.holderLease = m.holderLease();
            mutex.holderValue = m.holderValue();
            mutex.token = m.token();
            mutex.lastToken = m.lastToken();
            mutex.waiters.addAll(m.waiters());
            state.mutexes.get(m.kind()).put(m.name(), mutex);
        }
        for (Instance instance : image.instances()) {
            state.registry.computeIfAbsent(instance.service(), (s) -> new TreeMap<>())
                .put(instance.instanceId(), instance);
        }
        for (StateImage.SessionImage s : image.sessions()) {
            Session session = new Session();
            session.maxSerial = s.maxSerial();
            for (int i = 0; i < s.serials().size(); i++) {
                session.results.put(s.serials().get(i), s.results().get(i));
            }
            state.sessions.put(s.clientId(), session);
        }
        return state;
    }

    /** Counts, for tests that compare two members' states. */
    public Map<String, Object> summary() {
        Map<String, Object> summary = new HashMap<>();
        summary.put("revision", this.revision);
        summary.put("keys", this.keys.size());
        summary.put("leases", this.leases.size());
        return summary;
    }

}
