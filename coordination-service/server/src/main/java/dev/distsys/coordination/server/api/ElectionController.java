package dev.distsys.coordination.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.distsys.coordination.server.CoordinationProperties;
import dev.distsys.coordination.server.state.Command;
import dev.distsys.coordination.server.state.LockView;
import dev.distsys.coordination.server.state.MutexKind;
import dev.distsys.shared.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Leader election: a lock whose holder is named, with a term that strictly increases per
 * election (the lock's fencing token).
 */
@RestController
@RequestMapping("/v1/elections")
@Tag(name = "elections", description = "Leader election with terms")
class ElectionController {

    record CampaignBody(@NotNull @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String leaseId,
            @NotNull String candidate, @Min(0) Long waitMs) {
    }

    record ResignBody(@NotNull @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String leaseId) {
    }

    private final Replies replies;

    private final MutexWaits waits;

    private final CoordinationProperties properties;

    ElectionController(Replies replies, MutexWaits waits, CoordinationProperties properties) {
        this.replies = replies;
        this.waits = waits;
        this.properties = properties;
    }

    @PostMapping("/{name}/campaign")
    @Operation(summary = "Run for leadership, waiting up to waitMs; answers the leader and its term")
    ResponseEntity<Map<String, Object>> campaign(
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String name,
            @Valid @RequestBody CampaignBody body, HttpServletRequest request, HttpServletResponse response) {
        Ids.checkSize("candidate", body.candidate(), this.properties.maxValueBytes());
        long waitMs = Waits.bounded(body.waitMs(), this.properties.maxWaitMs());
        return Replies
            .await(this.waits.acquire(MutexKind.ELECTION, name, body.leaseId(), body.candidate(), waitMs, request)
                .thenApply((held) -> {
                    response.setHeader(RaftHeaders.REVISION, String.valueOf(held.revision()));
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("leader", body.candidate());
                    answer.put("term", held.token());
                    return ResponseEntity.ok(answer);
                }));
    }

    @GetMapping("/{name}")
    @Operation(summary = "The current leader of an election (linearizable); 404 without one")
    ResponseEntity<Map<String, Object>> get(
            @PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String name,
            HttpServletResponse response) {
        return Replies.await(this.replies.read((state) -> {
            response.setHeader(RaftHeaders.REVISION, String.valueOf(state.revision()));
            return state.mutex(MutexKind.ELECTION, name);
        }, true).thenApply((LockView view) -> {
            if (!view.held()) {
                throw ProblemException.notFound("election " + name + " has no leader");
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("leader", view.value());
            answer.put("term", view.token());
            answer.put("leaseId", view.leaseId());
            return ResponseEntity.ok(answer);
        }));
    }

    @PostMapping("/{name}/resign")
    @Operation(summary = "Step down (or stop waiting); the next candidate leads in the same entry")
    ResponseEntity<Void> resign(@PathVariable @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String name,
            @Valid @RequestBody ResignBody body, HttpServletRequest request, HttpServletResponse response) {
        return Replies.await(this.replies.propose(new Command.Resign(name, body.leaseId()), request)
            .thenApply((result) -> Replies.answer(result, response, (r) -> ResponseEntity.noContent().build())));
    }

}
