package dev.distsys.shared.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who this process is: the service it implements and which of its instances it is. Every
 * response names both in {@code X-Served-By}, so that a person can see which instance
 * answered a balanced request.
 *
 * @param name the service name, for instance {@code order-service}
 * @param instanceId unique among the instances of the service, for instance
 * {@code order-service-2}
 */
@Validated
@ConfigurationProperties("platform.service")
public record ServiceIdentityProperties(
        @NotBlank(message = "set platform.service.name to the service's name, e.g. order-service") @Pattern(
                regexp = ServiceIdentityProperties.ID_PATTERN,
                message = "must be 1-100 characters of [A-Za-z0-9._:-]") String name,
        @NotBlank(
                message = "set platform.service.instance-id to a name unique per instance, e.g. order-service-1") @Pattern(
                        regexp = ServiceIdentityProperties.ID_PATTERN,
                        message = "must be 1-100 characters of [A-Za-z0-9._:-]") String instanceId) {

    /** The contract's id syntax (CONTRACT.md). */
    public static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,100}";

    /** The value of the {@code X-Served-By} header. */
    public String servedBy() {
        return this.name + "/" + this.instanceId;
    }

}
