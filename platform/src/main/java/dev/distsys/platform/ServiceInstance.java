package dev.distsys.platform;

import java.net.URI;
import java.util.List;

/**
 * One process of a service: which module, which port, which arguments.
 *
 * @param module the module whose jar runs
 * @param ordinal 1-based number among the module's instances
 * @param port the HTTP port
 * @param phase when it starts
 * @param arguments the Spring Boot arguments, {@code --key=value} each
 */
record ServiceInstance(ServiceModule module, int ordinal, int port, StartPhase phase, List<String> arguments) {

    ServiceInstance {
        arguments = List.copyOf(arguments);
    }

    /** The instance's name, as in {@code X-Served-By} and the log file name. */
    String instanceId() {
        return this.module.artifactId() + "-" + this.ordinal;
    }

    URI baseUrl() {
        return URI.create("http://" + Topology.HOST + ":" + this.port);
    }

}
