package dev.distsys.coordination.client;

/** A key as the service stores it. */
public record KeyValue(String key, String value, long revision, long createRevision, long modRevision, String leaseId) {

}
