package dev.distsys.coordination.server.api;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import dev.distsys.coordination.server.state.Command;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Leases: the leader alone decides expiry and commits it; keys, locks, candidacies and
 * registry entries attached to a lease end with it.
 */
@RestController
@RequestMapping("/v1/leases")
@Tag(name = "leases", description = "Leases that keys, locks, candidacies and registry entries hang on")
class LeaseController {

    /** Below this a lease could expire during an ordinary leader failover. */
    static final int MIN_TTL_MS = 1000;

    static final int MAX_TTL_MS = 3_600_000;

    private static final SecureRandom random = new SecureRandom();

    record GrantBody(@NotNull @Min(MIN_TTL_MS) @Max(MAX_TTL_MS) Long ttlMs) {
    }

    private final Replies replies;

    LeaseController(Replies replies) {
        this.replies = replies;
    }

    @PostMapping
    @Operation(summary = "Grant a lease of ttlMs (1000-3600000)")
    ResponseEntity<Map<String, Object>> grant(@Valid @RequestBody GrantBody body, HttpServletRequest request,
            HttpServletResponse response) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        String leaseId = HexFormat.of().formatHex(id);
        return Replies.await(this.replies.propose(new Command.GrantLease(leaseId, body.ttlMs()), request)
            .thenApply((result) -> Replies.answer(result, response,
                    (r) -> ResponseEntity.created(URI.create("/v1/leases/" + leaseId))
                        .body(Map.of("leaseId", leaseId, "ttlMs", body.ttlMs())))));
    }

    @PostMapping("/{leaseId}/keepalive")
    @Operation(summary = "Renew a lease for its full TTL; 404 once it expired")
    ResponseEntity<Map<String, Object>> keepAlive(
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String leaseId,
            HttpServletRequest request, HttpServletResponse response) {
        return Replies.await(this.replies.propose(new Command.KeepAlive(leaseId), request)
            .thenApply((result) -> Replies.answer(result, response,
                    (r) -> ResponseEntity.ok(Map.of("ttlMs", r.value())))));
    }

    @DeleteMapping("/{leaseId}")
    @Operation(summary = "Revoke a lease, releasing what is attached to it")
    ResponseEntity<Void> revoke(@PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String leaseId,
            HttpServletRequest request, HttpServletResponse response) {
        return Replies.await(this.replies.propose(new Command.RevokeLease(leaseId), request)
            .thenApply((result) -> Replies.answer(result, response, (r) -> ResponseEntity.noContent().build())));
    }

}
