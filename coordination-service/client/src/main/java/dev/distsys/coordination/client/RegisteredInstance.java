package dev.distsys.coordination.client;

import java.net.URI;
import java.util.Map;

/** A live instance in the registry. */
public record RegisteredInstance(String service, String instanceId, URI address, Map<String, String> metadata) {

}
