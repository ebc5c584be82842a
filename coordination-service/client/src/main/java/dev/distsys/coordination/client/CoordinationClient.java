package dev.distsys.coordination.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.distsys.coordination.client.internal.Http;
import tools.jackson.databind.JsonNode;

/**
 * The coordination service over its HTTP contract (CONTRACT.md §2). Follows the leader
 * hint, retries calls that are safe to retry with exponential backoff and jitter: reads,
 * and writes, which carry a session id and serial so the service answers a retried write
 * without applying it twice. Thread-safe.
 */
public final class CoordinationClient implements AutoCloseable {

    private final Http http;

    private final String sessionId = UUID.randomUUID().toString();

    private final AtomicLong serial = new AtomicLong();

    private CoordinationClient(Http http) {
        this.http = http;
    }

    /**
     * @param members the members' HTTP addresses, e.g. {@code http://127.0.0.1:9101}
     * @param token a bearer token with scope {@code coordination}, or null when the
     * service runs without authentication
     */
    public static CoordinationClient of(List<URI> members, String token) {
        return new CoordinationClient(new Http(members, token, Duration.ofSeconds(10), 5));
    }

    private Map<String, String> session() {
        return Map.of("X-Client-Id", this.sessionId, "X-Client-Serial", String.valueOf(this.serial.incrementAndGet()));
    }

    // ---- key-value

    /**
     * @return the store's revision after the write (the key's modRevision)
     */
    public long put(String key, String value) {
        return this.http.call("PUT", "/v1/kv/" + key, Map.of("value", value), session()).get("revision").asLong();
    }

    /**
     * Compare-and-set: writes only if the key's modRevision is {@code prevRevision} (0:
     * absent).
     * @throws CoordinationException 409 on a mismatch
     */
    public long putIfRevision(String key, String value, long prevRevision) {
        return this.http.call("PUT", "/v1/kv/" + key, Map.of("value", value, "prevRevision", prevRevision), session())
            .get("revision")
            .asLong();
    }

    /**
     * A write that succeeds only while {@code lock} is held with {@code fencingToken}.
     * @throws CoordinationException 409 if the token no longer holds the lock
     */
    public long putFenced(String key, String value, String lock, long fencingToken) {
        return this.http
            .call("PUT", "/v1/kv/" + key, Map.of("value", value, "fence", Map.of("lock", lock, "token", fencingToken)),
                    session())
            .get("revision")
            .asLong();
    }

    public Optional<KeyValue> get(String key) {
        return get(key, true);
    }

    public Optional<KeyValue> get(String key, boolean linearizable) {
        JsonNode node = this.http
            .getOrNull("/v1/kv/" + key + "?consistency=" + (linearizable ? "linearizable" : "serializable"));
        if (node == null) {
            return Optional.empty();
        }
        return Optional.of(new KeyValue(node.get("key").asString(), node.get("value").asString(),
                node.get("revision").asLong(), node.get("createRevision").asLong(), node.get("modRevision").asLong(),
                node.get("leaseId").isNull() ? null : node.get("leaseId").asString()));
    }

    /**
     * @return whether a key was deleted
     */
    public boolean delete(String key) {
        return this.http.call("DELETE", "/v1/kv/" + key, null, session()).get("deleted").asInt() == 1;
    }

    // ---- leases

    /**
     * Grants a lease that this client keeps alive on its own thread until closed.
     * @param ttl the lease's time to live (at least 1 s)
     */
    public Lease grantLease(Duration ttl) {
        JsonNode granted = this.http.call("POST", "/v1/leases", Map.of("ttlMs", ttl.toMillis()), session());
        return new Lease(this, granted.get("leaseId").asString(), ttl);
    }

    /**
     * @return false if the lease has expired or is unknown
     */
    boolean keepAlive(String leaseId) {
        try {
            this.http.call("POST", "/v1/leases/" + leaseId + "/keepalive", null, session());
            return true;
        }
        catch (CoordinationException ex) {
            if (ex.status() == 404) {
                return false;
            }
            throw ex;
        }
    }

    void revoke(String leaseId) {
        try {
            this.http.call("DELETE", "/v1/leases/" + leaseId, null, session());
        }
        catch (CoordinationException ex) {
            if (ex.status() != 404) {
                throw ex;
            }
        }
    }

    // ---- locks and elections

    /**
     * Acquires {@code name} for {@code lease}, waiting up to {@code wait} in the server's
     * FIFO queue.
     * @throws CoordinationException 409 if not held within {@code wait}
     */
    public DistributedLock lock(String name, Lease lease, Duration wait) {
        JsonNode held = this.http.call("POST", "/v1/locks/" + name,
                Map.of("leaseId", lease.id(), "waitMs", wait.toMillis()), session());
        return new DistributedLock(this, name, lease, held.get("fencingToken").asLong());
    }

    void unlock(String name, long fencingToken) {
        this.http.call("DELETE", "/v1/locks/" + name + "?fencingToken=" + fencingToken, null, session());
    }

    /**
     * @return the term once {@code candidate} leads {@code election}
     * @throws CoordinationException 409 if not leading within {@code wait}
     */
    public long campaign(String election, Lease lease, String candidate, Duration wait) {
        return this.http
            .call("POST", "/v1/elections/" + election + "/campaign",
                    Map.of("leaseId", lease.id(), "candidate", candidate, "waitMs", wait.toMillis()), session())
            .get("term")
            .asLong();
    }

    public void resign(String election, Lease lease) {
        this.http.call("POST", "/v1/elections/" + election + "/resign", Map.of("leaseId", lease.id()), session());
    }

    /**
     * @return the leader's candidate text, if the election has a leader
     */
    public Optional<String> electionLeader(String election) {
        JsonNode node = this.http.getOrNull("/v1/elections/" + election);
        return (node != null) ? Optional.of(node.get("leader").asString()) : Optional.empty();
    }

    // ---- registry and cluster

    public void register(String service, String instanceId, URI address, Lease lease, Map<String, String> metadata) {
        this.http.call("PUT", "/v1/registry/" + service + "/" + instanceId,
                Map.of("address", address.toString(), "leaseId", lease.id(), "metadata", metadata), session());
    }

    /**
     * @return the live instances' addresses by instance id
     */
    public Map<String, URI> instances(String service) {
        Map<String, URI> instances = new java.util.LinkedHashMap<>();
        registered(service).forEach((i) -> instances.put(i.instanceId(), i.address()));
        return instances;
    }

    /**
     * @return the live instances of a service with their metadata
     */
    public List<RegisteredInstance> registered(String service) {
        JsonNode node = this.http.getOrNull("/v1/registry/" + service);
        List<RegisteredInstance> instances = new java.util.ArrayList<>();
        if (node != null) {
            node.get("instances").forEach((i) -> {
                Map<String, String> metadata = new java.util.LinkedHashMap<>();
                i.get("metadata").properties().forEach((e) -> metadata.put(e.getKey(), e.getValue().asString()));
                instances.add(new RegisteredInstance(service, i.get("instanceId").asString(),
                        URI.create(i.get("address").asString()), metadata));
            });
        }
        return instances;
    }

    /**
     * @return the services with at least one live instance
     */
    public List<String> services() {
        JsonNode node = this.http.getOrNull("/v1/registry");
        List<String> services = new java.util.ArrayList<>();
        if (node != null) {
            node.get("services").forEach((name) -> services.add(name.asString()));
        }
        return services;
    }

    /**
     * @return the raw {@code GET /v1/cluster} answer of some member
     */
    public JsonNode cluster() {
        return this.http.getOrNull("/v1/cluster");
    }

    @Override
    public void close() {
        this.http.close();
    }

}
