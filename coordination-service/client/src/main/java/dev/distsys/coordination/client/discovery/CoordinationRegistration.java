package dev.distsys.coordination.client.discovery;

import java.net.URI;
import java.util.Map;

import org.springframework.cloud.client.serviceregistry.Registration;

/** This application's entry in the registry. */
public record CoordinationRegistration(String serviceId, String instanceId, String host, int port,
        Map<String, String> metadata) implements Registration {

    @Override
    public String getServiceId() {
        return this.serviceId;
    }

    @Override
    public String getInstanceId() {
        return this.instanceId;
    }

    @Override
    public String getHost() {
        return this.host;
    }

    @Override
    public int getPort() {
        return this.port;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public URI getUri() {
        return URI.create("http://" + this.host + ":" + this.port);
    }

    @Override
    public Map<String, String> getMetadata() {
        return this.metadata;
    }

}
