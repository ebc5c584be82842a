package dev.distsys.coordination.server.state;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything that changes the replicated state, as it travels through the Raft log. All
 * inputs a command needs (lease ids, deadlines) are decided by the proposer and carried
 * in the command, so that applying it is deterministic on every member.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({ @JsonSubTypes.Type(value = Command.Put.class, name = "put"),
        @JsonSubTypes.Type(value = Command.Delete.class, name = "del"),
        @JsonSubTypes.Type(value = Command.GrantLease.class, name = "grant"),
        @JsonSubTypes.Type(value = Command.KeepAlive.class, name = "keepalive"),
        @JsonSubTypes.Type(value = Command.RevokeLease.class, name = "revoke"),
        @JsonSubTypes.Type(value = Command.ExpireLeases.class, name = "expire"),
        @JsonSubTypes.Type(value = Command.CheckpointLeases.class, name = "checkpoint"),
        @JsonSubTypes.Type(value = Command.Acquire.class, name = "acquire"),
        @JsonSubTypes.Type(value = Command.Release.class, name = "release"),
        @JsonSubTypes.Type(value = Command.Withdraw.class, name = "withdraw"),
        @JsonSubTypes.Type(value = Command.Resign.class, name = "resign"),
        @JsonSubTypes.Type(value = Command.Register.class, name = "register"),
        @JsonSubTypes.Type(value = Command.Deregister.class, name = "deregister") })
public sealed interface Command {

    /** Whether a command of this kind counts as a client request (sessions apply). */
    default boolean fromClient() {
        return true;
    }

    /**
     * @param prevRevision compare-and-set: the key's modRevision must equal it (0: the
     * key must not exist); null: unconditional
     * @param fence null, or the lock whose current token must be the given one
     */
    record Put(String key, String value, String leaseId, Long prevRevision, Fence fence) implements Command {
    }

    record Fence(String lock, long token) {
    }

    record Delete(String key, Long prevRevision) implements Command {
    }

    record GrantLease(String leaseId, long ttlMs) implements Command {
    }

    record KeepAlive(String leaseId) implements Command {
    }

    record RevokeLease(String leaseId) implements Command {
    }

    /**
     * The leader's decision that these leases ran out. Each names the renewal count the
     * leader saw, so a keep-alive committed after the decision wins over it.
     */
    record ExpireLeases(List<LeaseMark> leases) implements Command {

        @Override
        public boolean fromClient() {
            return false;
        }

    }

    /**
     * How much of each lease's TTL had elapsed on the leader; a new leader starts from
     * there, so that leases do not live forever across repeated elections.
     */
    record CheckpointLeases(List<LeaseMark> leases) implements Command {

        @Override
        public boolean fromClient() {
            return false;
        }

    }

    record LeaseMark(String leaseId, long renewals, long elapsedMs) {
    }

    /** Take a lock ({@code kind} LOCK) or run for an election ({@code kind} ELECTION). */
    record Acquire(MutexKind kind, String name, String leaseId, String value) implements Command {
    }

    record Release(String name, long token) implements Command {
    }

    /** Stop waiting (a request's wait ran out); a holder keeps what it holds. */
    record Withdraw(MutexKind kind, String name, String leaseId) implements Command {
    }

    record Resign(String name, String leaseId) implements Command {
    }

    record Register(String service, String instanceId, String address, String leaseId,
            Map<String, String> metadata) implements Command {
    }

    record Deregister(String service, String instanceId) implements Command {
    }

}
