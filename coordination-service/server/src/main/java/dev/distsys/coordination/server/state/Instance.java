package dev.distsys.coordination.server.state;

import java.util.Map;

/** A registered service instance, alive as long as its lease. */
public record Instance(String service, String instanceId, String address, String leaseId, Map<String, String> metadata,
        long revision) {

}
