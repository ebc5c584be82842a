package dev.distsys.coordination.server.state;

/** A stored key with its revisions (etcd's mvccpb.KeyValue, without versions). */
public record KeyValue(String key, String value, long createRevision, long modRevision, String leaseId) {

}
