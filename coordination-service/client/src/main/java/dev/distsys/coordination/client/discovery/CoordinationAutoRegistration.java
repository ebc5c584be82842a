package dev.distsys.coordination.client.discovery;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

/**
 * Registers the application once it is ready to serve (its port is known then) and
 * deregisters it when its context closes. Service id: {@code spring.application.name};
 * instance id: {@code platform.service.instance-id}, else {@code name-port}; host:
 * {@code coordination.registration.host} (default 127.0.0.1).
 */
public class CoordinationAutoRegistration implements ApplicationListener<ApplicationEvent> {

    private final CoordinationServiceRegistry registry;

    private final Environment environment;

    private volatile CoordinationRegistration registration;

    public CoordinationAutoRegistration(CoordinationServiceRegistry registry, Environment environment) {
        this.registry = registry;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationReadyEvent && this.registration == null) {
            String name = this.environment.getRequiredProperty("spring.application.name");
            int port = Integer.parseInt(this.environment.getProperty("local.server.port",
                    this.environment.getProperty("server.port", "8080")));
            String instanceId = this.environment.getProperty("platform.service.instance-id", name + "-" + port);
            String host = this.environment.getProperty("coordination.registration.host", "127.0.0.1");
            CoordinationRegistration created = new CoordinationRegistration(name, instanceId, host, port, Map.of());
            this.registry.register(created);
            this.registration = created;
        }
        else if (event instanceof ContextClosedEvent && this.registration != null) {
            this.registry.deregister(this.registration);
            this.registration = null;
        }
    }

}
