package dev.distsys.coordination.client.discovery;

import java.util.List;

import dev.distsys.coordination.client.CoordinationClient;
import dev.distsys.coordination.client.RegisteredInstance;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Spring Cloud discovery from the coordination registry: the instances whose leases are
 * alive. Reads are linearizable, so an instance whose lease ended is never returned after
 * the service answered its expiry.
 */
public class CoordinationDiscoveryClient implements DiscoveryClient {

    private final CoordinationClient client;

    public CoordinationDiscoveryClient(CoordinationClient client) {
        this.client = client;
    }

    @Override
    public String description() {
        return "coordination-service registry";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        return this.client.registered(serviceId).stream().map(CoordinationDiscoveryClient::toInstance).toList();
    }

    private static ServiceInstance toInstance(RegisteredInstance instance) {
        return new DefaultServiceInstance(instance.instanceId(), instance.service(), instance.address().getHost(),
                instance.address().getPort(), "https".equals(instance.address().getScheme()), instance.metadata());
    }

    @Override
    public List<String> getServices() {
        return this.client.services();
    }

}
