package dev.distsys.gateway.loadbalancing;

import java.util.Random;
import java.util.random.RandomGenerator;

import dev.distsys.gateway.balancer.Balancer;
import dev.distsys.gateway.balancer.ConsistentHash;
import dev.distsys.gateway.balancer.HashKey;
import dev.distsys.gateway.balancer.LeastConnections;
import dev.distsys.gateway.balancer.PowerOfTwoChoices;
import dev.distsys.gateway.balancer.RoundRobin;
import dev.distsys.gateway.balancer.SmoothWeightedRoundRobin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The beans of each service's load-balancer child context (Spring Cloud LoadBalancer
 * creates one per service id). Deliberately not a {@code @Configuration}: component
 * scanning must not put these beans into the main context.
 */
class PerServiceLoadBalancerConfiguration {

    @Bean
    ServiceInstanceListSupplier gatewayServiceInstanceListSupplier(ConfigurableApplicationContext context,
            LoadBalancingProperties properties) {
        ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder().withDiscoveryClient();
        if (properties.healthChecks()) {
            builder = builder.withHealthChecks(WebClient.create());
        }
        return builder.build(context);
    }

    @Bean
    ReactorServiceInstanceLoadBalancer gatewayLoadBalancer(Environment environment,
            ObjectProvider<ServiceInstanceListSupplier> suppliers, LoadBalancingProperties properties,
            InstanceStats stats) {
        String serviceId = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        LoadBalancingProperties.Service service = properties.forService(serviceId);
        RandomGenerator random = (properties.randomSeed() != null)
                ? new Random(properties.randomSeed() ^ serviceId.hashCode()) : new Random();
        HashKey hashKey = null;
        Balancer balancer = switch (service.algorithm()) {
            case ROUND_ROBIN -> new RoundRobin();
            case WEIGHTED_ROUND_ROBIN -> new SmoothWeightedRoundRobin();
            case LEAST_CONNECTIONS -> new LeastConnections(stats, random);
            case POWER_OF_TWO_CHOICES -> new PowerOfTwoChoices(stats, random);
            case CONSISTENT_HASH -> new ConsistentHash(service.virtualNodes(), new RoundRobin());
        };
        if (service.hashKey() != null) {
            hashKey = HashKey.parse(service.hashKey());
        }
        return new AlgorithmLoadBalancer(serviceId, suppliers, balancer, hashKey, stats.outliers());
    }

}
