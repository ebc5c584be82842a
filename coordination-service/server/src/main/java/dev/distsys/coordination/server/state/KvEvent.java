package dev.distsys.coordination.server.state;

/**
 * One change of a key, as watchers see it.
 *
 * @param type PUT or DELETE
 * @param value the new value, null on DELETE
 * @param revision the store's revision of this change (each change has its own)
 */
public record KvEvent(String type, String key, String value, long revision) {

}
