package dev.distsys.coordination.server.state;

/**
 * A lock or leadership handed to a waiter while applying some entry, so that the member
 * holding that waiter's request can answer it without a client round trip.
 */
public record Granted(MutexKind kind, String name, String leaseId, long token, long revision) {

}
