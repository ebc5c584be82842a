package dev.distsys.coordination.server.api;

import java.util.List;
import java.util.Map;

import dev.distsys.coordination.server.CoordinationProperties;
import dev.distsys.coordination.server.state.Command;
import dev.distsys.coordination.server.state.Instance;
import dev.distsys.shared.problem.FieldViolation;
import dev.distsys.shared.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Service instances, each alive as long as its lease. */
@RestController
@RequestMapping("/v1/registry")
@Tag(name = "registry", description = "Service registry bound to leases")
class RegistryController {

    record RegisterBody(
            @NotNull @Pattern(regexp = "https?://[^\\s]{1,250}", message = "must be an http(s) URL") String address,
            @NotNull @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String leaseId,
            @Size(max = 32) Map<String, String> metadata) {
    }

    record Instances(String service, long revision, List<Instance> instances) {
    }

    private final Replies replies;

    private final CoordinationProperties properties;

    RegistryController(Replies replies, CoordinationProperties properties) {
        this.replies = replies;
        this.properties = properties;
    }

    @PutMapping("/{service}/{instanceId}")
    @Operation(summary = "Register (or update) an instance of a service under a lease")
    ResponseEntity<Map<String, Object>> register(
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String service,
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String instanceId,
            @Valid @RequestBody RegisterBody body, HttpServletRequest request, HttpServletResponse response) {
        if (body.metadata() != null) {
            body.metadata().forEach((key, value) -> {
                if (key.length() > 100 || value == null || value.length() > 1000) {
                    throw ProblemException.invalid(List.of(new FieldViolation("metadata." + key,
                            "keys are at most 100 characters, values 1000 and not null")));
                }
            });
        }
        return Replies.await(this.replies
            .propose(new Command.Register(service, instanceId, body.address(), body.leaseId(), body.metadata()),
                    request)
            .thenApply((result) -> Replies.answer(result, response,
                    (r) -> ResponseEntity.ok(Map.of("revision", r.revision())))));
    }

    @DeleteMapping("/{service}/{instanceId}")
    @Operation(summary = "Deregister an instance")
    ResponseEntity<Map<String, Object>> deregister(
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String service,
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String instanceId,
            HttpServletRequest request, HttpServletResponse response) {
        return Replies.await(this.replies.propose(new Command.Deregister(service, instanceId), request)
            .thenApply((result) -> Replies.answer(result, response,
                    (r) -> ResponseEntity.ok(Map.of("revision", r.revision(), "deleted", r.value())))));
    }

    record Services(long revision, List<String> services) {
    }

    @GetMapping
    @Operation(summary = "The services with at least one live instance")
    ResponseEntity<Services> services(
            @RequestParam(defaultValue = "linearizable") @Pattern(regexp = Ids.CONSISTENCY,
                    message = "must be linearizable or serializable") String consistency,
            HttpServletResponse response) {
        return Replies.await(this.replies.read((state) -> {
            response.setHeader(RaftHeaders.REVISION, String.valueOf(state.revision()));
            return new Services(state.revision(), state.services());
        }, "linearizable".equals(consistency)).thenApply(ResponseEntity::ok));
    }

    @GetMapping("/{service}")
    @Operation(summary = "The live instances of a service")
    ResponseEntity<Instances> instances(
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String service,
            @RequestParam(defaultValue = "linearizable") @Pattern(regexp = Ids.CONSISTENCY,
                    message = "must be linearizable or serializable") String consistency,
            HttpServletResponse response) {
        return Replies.await(this.replies.read((state) -> {
            response.setHeader(RaftHeaders.REVISION, String.valueOf(state.revision()));
            return new Instances(service, state.revision(), state.instances(service));
        }, "linearizable".equals(consistency)).thenApply(ResponseEntity::ok));
    }

}
