package dev.distsys.coordination.server.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.distsys.coordination.server.node.RaftDriver;
import dev.distsys.coordination.server.node.UnavailableException;
import dev.distsys.coordination.server.node.WatchHub;
import dev.distsys.coordination.server.state.KvEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of key changes from a revision on, in revision order, each once.
 * Served by the member the client talks to, from what it applied: every member applies
 * the same log, so the sequence is the same whichever member serves it, also across
 * leader changes. A watcher that falls behind is closed with an {@code overflow} event
 * and resumes from its last revision + 1 (or with {@code Last-Event-ID}).
 */
@RestController
@RequestMapping("/v1/watch")
@Tag(name = "watch", description = "Key changes as server-sent events")
class WatchController {

    private static final long STREAM_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(30);

    private final RaftDriver driver;

    WatchController(RaftDriver driver) {
        this.driver = driver;
    }

    @GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Watch keys with a prefix from a revision on (410 if compacted)")
    SseEmitter watch(
            @RequestParam(defaultValue = "") @Pattern(regexp = Ids.PREFIX,
                    message = "must be 0-256 characters of [A-Za-z0-9._:-]") String prefix,
            @RequestParam(required = false) @Min(1) Long fromRevision,
            @RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId) throws InterruptedException {
        Long from = (fromRevision != null) ? fromRevision : ((lastEventId != null) ? lastEventId + 1 : null);
        WatchHub.Watcher watcher;
        try {
            watcher = this.driver.watch(prefix, from).get(5, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            throw Replies.unwrap(ex.getCause(), false);
        }
        catch (TimeoutException ex) {
            throw new UnavailableException("the member did not register the watch in time", 1);
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        emitter.onCompletion(watcher::cancel);
        emitter.onTimeout(watcher::cancel);
        emitter.onError((ex) -> watcher.cancel());
        Thread.ofVirtual().name("watch").start(() -> pump(watcher, emitter));
        return emitter;
    }

    private static void pump(WatchHub.Watcher watcher, SseEmitter emitter) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STREAM_TIMEOUT_MS);
        try {
            while (System.nanoTime() - deadline < 0) {
                KvEvent event = watcher.next(5000);
                if (event == null) {
                    // A comment: finds a client that went away.
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    continue;
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("type", event.type());
                data.put("key", event.key());
                data.put("value", event.value());
                data.put("revision", event.revision());
                emitter.send(SseEmitter.event()
                    .id(String.valueOf(event.revision()))
                    .name(event.type())
                    .data(data, MediaType.APPLICATION_JSON));
            }
            emitter.complete();
        }
        catch (WatchHub.WatcherOverflowException ex) {
            try {
                emitter.send(SseEmitter.event().name("overflow").data(ex.getMessage()));
            }
            catch (IOException ignored) {
                // the client is gone anyway
            }
            emitter.complete();
        }
        catch (IOException | IllegalStateException ex) {
            watcher.cancel();
        }
        catch (InterruptedException ex) {
            watcher.cancel();
            Thread.currentThread().interrupt();
        }
    }

}
