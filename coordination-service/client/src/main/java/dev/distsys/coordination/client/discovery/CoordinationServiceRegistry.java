package dev.distsys.coordination.client.discovery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.distsys.coordination.client.CoordinationClient;
import dev.distsys.coordination.client.Lease;

import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * Registers instances under a lease this process keeps alive: a process that dies
 * disappears from the registry when its lease expires, without anyone deregistering it.
 */
public class CoordinationServiceRegistry implements ServiceRegistry<CoordinationRegistration> {

    private final CoordinationClient client;

    private final Duration ttl;

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    public CoordinationServiceRegistry(CoordinationClient client, Duration ttl) {
        this.client = client;
        this.ttl = ttl;
    }

    @Override
    public void register(CoordinationRegistration registration) {
        Lease lease = this.client.grantLease(this.ttl);
        this.client.register(registration.serviceId(), registration.instanceId(), registration.getUri(), lease,
                registration.metadata());
        Lease previous = this.leases.put(key(registration), lease);
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void deregister(CoordinationRegistration registration) {
        Lease lease = this.leases.remove(key(registration));
        if (lease != null) {
            lease.close();
        }
    }

    @Override
    public void close() {
        this.leases.values().forEach(Lease::close);
        this.leases.clear();
    }

    @Override
    public void setStatus(CoordinationRegistration registration, String status) {
        throw new UnsupportedOperationException("the registry keeps no status: deregister instead");
    }

    @Override
    public <T> T getStatus(CoordinationRegistration registration) {
        return null;
    }

    private static String key(CoordinationRegistration registration) {
        return registration.serviceId() + "/" + registration.instanceId();
    }

}
