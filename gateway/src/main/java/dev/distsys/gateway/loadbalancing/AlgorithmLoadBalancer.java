package dev.distsys.gateway.loadbalancing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.distsys.gateway.auth.AuthenticatedClient;
import dev.distsys.gateway.balancer.Balancer;
import dev.distsys.gateway.balancer.Candidate;
import dev.distsys.gateway.balancer.HashKey;
import dev.distsys.gateway.balancer.OutlierDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The Spring Cloud LoadBalancer face of a {@link Balancer}: takes the live
 * (health-checked) instances of one service, drops ejected outliers (never all) and
 * instances this request already tried (when others remain), and lets the algorithm pick.
 */
class AlgorithmLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    private static final Logger logger = LoggerFactory.getLogger(AlgorithmLoadBalancer.class);

    static final String WEIGHT_METADATA = "weight";

    private final String serviceId;

    private final ObjectProvider<ServiceInstanceListSupplier> suppliers;

    private final Balancer balancer;

    private final HashKey hashKey;

    private final OutlierDetector outliers;

    private volatile ServiceInstanceListSupplier supplier;

    AlgorithmLoadBalancer(String serviceId, ObjectProvider<ServiceInstanceListSupplier> suppliers, Balancer balancer,
            HashKey hashKey, OutlierDetector outliers) {
        this.serviceId = serviceId;
        this.suppliers = suppliers;
        this.balancer = balancer;
        this.hashKey = hashKey;
        this.outliers = outliers;
    }

    @Override
    public Mono<Response<ServiceInstance>> choose(Request request) {
        return supplier().get(request).next().map((instances) -> choose(instances, request));
    }

    /**
     * The supplier bean, looked up once: a bean-factory lookup with generic type matching
     * per request cost more CPU than the algorithms themselves.
     */
    private ServiceInstanceListSupplier supplier() {
        ServiceInstanceListSupplier supplier = this.supplier;
        if (supplier == null) {
            supplier = this.suppliers.getIfAvailable();
            if (supplier == null) {
                return new NoopServiceInstanceListSupplier();
            }
            this.supplier = supplier;
        }
        return supplier;
    }

    private Response<ServiceInstance> choose(List<ServiceInstance> instances, Request<?> request) {
        if (instances.isEmpty()) {
            logger.warn("No live instance of {}", this.serviceId);
            return new EmptyResponse();
        }
        Map<String, ServiceInstance> byId = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>(instances.size());
        for (ServiceInstance instance : instances) {
            String id = InstanceStats.id(this.serviceId, instance);
            if (byId.putIfAbsent(id, instance) == null) {
                candidates.add(new Candidate(id, weight(instance)));
            }
        }
        // A stable order, whatever order the health checks answered in.
        candidates.sort(Comparator.comparing(Candidate::id));
        List<Candidate> available = this.outliers.available(candidates);
        RequestData data = (request.getContext() instanceof RequestDataContext context) ? context.getClientRequest()
                : null;
        available = untried(available, data);
        Candidate chosen = this.balancer.choose(available, key(data));
        return new DefaultResponse(byId.get(chosen.id()));
    }

    private static List<Candidate> untried(List<Candidate> candidates, RequestData data) {
        Object tried = (data != null && data.getAttributes() != null)
                ? data.getAttributes().get(InstanceTrackingFilter.TRIED_ATTRIBUTE) : null;
        if (!(tried instanceof Set<?> triedIds) || triedIds.isEmpty()) {
            return candidates;
        }
        List<Candidate> untried = candidates.stream()
            .filter((candidate) -> !triedIds.contains(candidate.id()))
            .toList();
        return untried.isEmpty() ? candidates : untried;
    }

    private String key(RequestData data) {
        if (this.hashKey == null || data == null) {
            return null;
        }
        Object client = (data.getAttributes() != null) ? data.getAttributes().get(AuthenticatedClient.ATTRIBUTE) : null;
        String clientId = (client instanceof AuthenticatedClient authenticated) ? authenticated.clientId() : null;
        return this.hashKey.extract((name) -> data.getHeaders().getFirst(name), data.getUrl().getRawPath(), clientId);
    }

    private static int weight(ServiceInstance instance) {
        String weight = (instance.getMetadata() != null) ? instance.getMetadata().get(WEIGHT_METADATA) : null;
        if (weight == null) {
            return 1;
        }
        try {
            return Math.max(1, Math.min(1000, Integer.parseInt(weight.trim())));
        }
        catch (NumberFormatException ex) {
            return 1;
        }
    }

}
