package dev.distsys.gateway.loadbalancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every service's load balancer comes from {@link PerServiceLoadBalancerConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = PerServiceLoadBalancerConfiguration.class)
class LoadBalancingConfiguration {

    @Bean
    InstanceStats instanceStats(LoadBalancingProperties properties) {
        return new InstanceStats(properties);
    }

    @Bean
    InstanceTrackingFilter instanceTrackingFilter(InstanceStats stats) {
        return new InstanceTrackingFilter(stats);
    }

}
