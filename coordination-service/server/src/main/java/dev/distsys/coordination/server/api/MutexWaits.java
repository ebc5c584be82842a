package dev.distsys.coordination.server.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.distsys.coordination.server.state.Command;
import dev.distsys.coordination.server.state.Granted;
import dev.distsys.coordination.server.state.MutexKind;
import dev.distsys.coordination.server.state.Result;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Acquire-and-wait for locks and elections. A request that finds the mutex held is queued
 * server-side; the entry that releases the mutex hands it to the head of the queue, and
 * this member answers as soon as it applies that entry. When {@code waitMs} runs out the
 * request withdraws; if the handoff won the race, the caller holds it and is told so.
 */
@Component
class MutexWaits {

    /** What a successful acquire answers. */
    record Held(long token, long revision) {
    }

    private final Replies replies;

    MutexWaits(Replies replies) {
        this.replies = replies;
    }

    CompletableFuture<Held> acquire(MutexKind kind, String name, String leaseId, String value, long waitMs,
            HttpServletRequest request) {
        return this.replies.propose(new Command.Acquire(kind, name, leaseId, value), request)
            .thenCompose((result) -> switch (result.code()) {
                case OK -> CompletableFuture.completedFuture(new Held(result.value(), result.revision()));
                case QUEUED -> await(kind, name, leaseId, waitMs, request);
                default -> CompletableFuture.failedFuture(Replies.refusal(result));
            });
    }

    private CompletableFuture<Held> await(MutexKind kind, String name, String leaseId, long waitMs,
            HttpServletRequest request) {
        CompletableFuture<Granted> grant = this.replies.driver().awaitGrant(kind, name, leaseId);
        return grant.orTimeout(Math.max(waitMs, 1), TimeUnit.MILLISECONDS)
            .thenApply((granted) -> new Held(granted.token(), granted.revision()))
            .exceptionallyCompose((ex) -> {
                Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
                if (!(cause instanceof TimeoutException)) {
                    return CompletableFuture.failedFuture(Replies.unwrap(ex, true));
                }
                return this.replies.propose(new Command.Withdraw(kind, name, leaseId), request)
                    .thenCompose((withdrawn) -> (withdrawn.code() == Result.Code.OK)
                            ? CompletableFuture.completedFuture(new Held(withdrawn.value(), withdrawn.revision()))
                            : CompletableFuture.failedFuture(Replies.refusal(withdrawn)));
            });
    }

}
