package dev.distsys.coordination.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.distsys.coordination.server.CoordinationProperties;
import dev.distsys.coordination.server.state.Command;
import dev.distsys.coordination.server.state.KeyValue;
import dev.distsys.shared.problem.ProblemException;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Keys with one global revision, compare-and-set and fenced writes. */
@RestController
@RequestMapping("/v1/kv")
@Tag(name = "kv", description = "Key-value store with revisions, compare-and-set and fenced writes")
class KvController {

    record PutBody(@NotNull String value, @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String leaseId,
            @Min(0) Long prevRevision, @Valid FenceBody fence) {
    }

    record FenceBody(@NotNull @Pattern(regexp = Ids.ID, message = Ids.ID_MESSAGE) String lock,
            @NotNull @Min(1) Long token) {
    }

    record Item(String key, String value, long revision, long createRevision, long modRevision, String leaseId) {

        static Item of(KeyValue kv, long revision) {
            return new Item(kv.key(), kv.value(), revision, kv.createRevision(), kv.modRevision(), kv.leaseId());
        }

    }

    record Listing(long revision, List<Item> items) {
    }

    private final Replies replies;

    private final CoordinationProperties properties;

    KvController(Replies replies, CoordinationProperties properties) {
        this.replies = replies;
        this.properties = properties;
    }

    @PutMapping("/{key}")
    @Operation(summary = "Write a key; with prevRevision a compare-and-set (0: must not exist); with fence only "
            + "while the lock is held with that token")
    ResponseEntity<Map<String, Object>> put(
            @PathVariable @Pattern(regexp = Ids.KEY, message = Ids.KEY_MESSAGE) String key,
            @Valid @RequestBody PutBody body, HttpServletRequest request, HttpServletResponse response) {
        Ids.checkSize("value", body.value(), this.properties.maxValueBytes());
        Command.Fence fence = (body.fence() != null) ? new Command.Fence(body.fence().lock(), body.fence().token())
                : null;
        return Replies.await(this.replies
            .propose(new Command.Put(key, body.value(), body.leaseId(), body.prevRevision(), fence), request)
            .thenApply((result) -> Replies.answer(result, response,
                    (r) -> ResponseEntity.ok(Map.of("revision", r.revision())))));
    }

    @GetMapping("/{key}")
    @Operation(summary = "Read a key (linearizable by default; serializable reads are served by this member)")
    ResponseEntity<Item> get(@PathVariable @Pattern(regexp = Ids.KEY, message = Ids.KEY_MESSAGE) String key,
            @RequestParam(defaultValue = "linearizable") @Pattern(regexp = Ids.CONSISTENCY,
                    message = "must be linearizable or serializable") String consistency,
            HttpServletResponse response) {
        return Replies.await(this.replies.read((state) -> {
            KeyValue kv = state.get(key);
            response.setHeader(RaftHeaders.REVISION, String.valueOf(state.revision()));
            return (kv != null) ? Item.of(kv, state.revision()) : null;
        }, "linearizable".equals(consistency)).thenApply((item) -> {
            if (item == null) {
                throw ProblemException.notFound("key " + key + " does not exist");
            }
            return ResponseEntity.ok(item);
        }));
    }

    @DeleteMapping("/{key}")
    @Operation(summary = "Delete a key (optionally only at prevRevision)")
    ResponseEntity<Map<String, Object>> delete(
            @PathVariable @Pattern(regexp = Ids.KEY, message = Ids.KEY_MESSAGE) String key,
            @RequestParam(required = false) @Min(0) Long prevRevision, HttpServletRequest request,
            HttpServletResponse response) {
        return Replies.await(this.replies.propose(new Command.Delete(key, prevRevision), request)
            .thenApply((result) -> Replies.answer(result, response, (r) -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("revision", r.revision());
                body.put("deleted", r.value());
                return ResponseEntity.ok(body);
            })));
    }

    @GetMapping
    @Operation(summary = "List keys by prefix, in key order")
    ResponseEntity<Listing> list(
            @RequestParam(defaultValue = "") @Pattern(regexp = Ids.PREFIX,
                    message = "must be 0-256 characters of [A-Za-z0-9._:-]") String prefix,
            @RequestParam(defaultValue = "linearizable") @Pattern(regexp = Ids.CONSISTENCY,
                    message = "must be linearizable or serializable") String consistency,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(100_000) int limit, HttpServletResponse response) {
        int bounded = Math.min(limit, this.properties.maxListItems());
        return Replies.await(this.replies.read((state) -> {
            response.setHeader(RaftHeaders.REVISION, String.valueOf(state.revision()));
            List<Item> items = state.range(prefix, bounded)
                .stream()
                .map((kv) -> Item.of(kv, state.revision()))
                .toList();
            return new Listing(state.revision(), items);
        }, "linearizable".equals(consistency)).thenApply(ResponseEntity::ok));
    }

}
