package dev.distsys.coordination.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.distsys.coordination.server.CoordinationProperties;
import dev.distsys.coordination.server.state.Command;
import dev.distsys.coordination.server.state.LockView;
import dev.distsys.coordination.server.state.MutexKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Locks with a server-side FIFO queue and fencing tokens that only go up. */
@RestController
@RequestMapping("/v1/locks")
@Tag(name = "locks", description = "Fenced locks with a server-side FIFO queue")
class LockController {

    record AcquireBody(@NotNull @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String leaseId,
            @Min(0) Long waitMs) {
    }

    private final Replies replies;

    private final MutexWaits waits;

    private final CoordinationProperties properties;

    LockController(Replies replies, MutexWaits waits, CoordinationProperties properties) {
        this.replies = replies;
        this.waits = waits;
        this.properties = properties;
    }

    @PostMapping("/{name}")
    @Operation(summary = "Acquire a lock for a lease, waiting up to waitMs in a FIFO queue; answers the fencing "
            + "token")
    ResponseEntity<Map<String, Object>> acquire(
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String name,
            @Valid @RequestBody AcquireBody body, HttpServletRequest request, HttpServletResponse response) {
        long waitMs = Waits.bounded(body.waitMs(), this.properties.maxWaitMs());
        return Replies
            .await(this.waits.acquire(MutexKind.LOCK, name, body.leaseId(), null, waitMs, request).thenApply((held) -> {
                response.setHeader(RaftHeaders.REVISION, String.valueOf(held.revision()));
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("fencingToken", held.token());
                answer.put("revision", held.revision());
                return ResponseEntity.ok(answer);
            }));
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Release a lock held with this fencing token; the next waiter gets it in the same entry")
    ResponseEntity<Void> release(@PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String name,
            @RequestParam @Min(1) long fencingToken, HttpServletRequest request, HttpServletResponse response) {
        return Replies.await(this.replies.propose(new Command.Release(name, fencingToken), request)
            .thenApply((result) -> Replies.answer(result, response, (r) -> ResponseEntity.noContent().build())));
    }

    @GetMapping("/{name}")
    @Operation(summary = "Who holds a lock (linearizable)")
    ResponseEntity<Map<String, Object>> get(
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String name,
            HttpServletResponse response) {
        return Replies.await(this.replies.read((state) -> {
            response.setHeader(RaftHeaders.REVISION, String.valueOf(state.revision()));
            return state.mutex(MutexKind.LOCK, name);
        }, true).thenApply((LockView view) -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("held", view.held());
            answer.put("fencingToken", view.held() ? view.token() : null);
            answer.put("leaseId", view.leaseId());
            answer.put("waiters", view.waiters());
            return ResponseEntity.ok(answer);
        }));
    }

}
