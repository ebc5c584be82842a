package dev.distsys.coordination.server.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.distsys.coordination.server.CoordinationProperties;
import dev.distsys.coordination.server.node.RaftDriver;
import dev.distsys.coordination.server.node.UnavailableException;
import dev.distsys.coordination.server.state.Command;
import dev.distsys.coordination.server.state.CoordinationState;
import dev.distsys.coordination.server.state.Proposal;
import dev.distsys.coordination.server.state.Result;
import dev.distsys.shared.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Turns driver futures into HTTP answers: the revision header on every answer about
 * state, 404/409 problems for refusals, and the two kinds of failure kept apart: a write
 * that timed out after it was proposed is 504 (outcome unknown), everything that surely
 * did not apply is 503.
 */
@Component
class Replies {

    private final RaftDriver driver;

    private final long timeoutMs;

    Replies(RaftDriver driver, CoordinationProperties properties) {
        this.driver = driver;
        this.timeoutMs = properties.requestTimeoutMs();
    }

    long timeoutMs() {
        return this.timeoutMs;
    }

    RaftDriver driver() {
        return this.driver;
    }

    /** Proposes a command under the request's session, if it names one. */
    CompletableFuture<Result> propose(Command command, HttpServletRequest request) {
        String clientId = request.getHeader(RaftHeaders.CLIENT_ID);
        String serial = request.getHeader(RaftHeaders.CLIENT_SERIAL);
        Proposal proposal = Proposal.of(command);
        if (clientId != null && serial != null) {
            proposal = new Proposal(clientId, Sessions.serial(serial), command);
        }
        return this.driver.propose(proposal).orTimeout(this.timeoutMs, TimeUnit.MILLISECONDS).exceptionally((ex) -> {
            throw unwrap(ex, true);
        });
    }

    <T> CompletableFuture<T> read(Function<CoordinationState, T> read, boolean linearizable) {
        return this.driver.read(read, linearizable)
            .orTimeout(this.timeoutMs, TimeUnit.MILLISECONDS)
            .exceptionally((ex) -> {
                throw unwrap(ex, false);
            });
    }

    /**
     * Answers OK results with {@code body}, refusals with their problem; sets the
     * revision header either way.
     */
    static <T> ResponseEntity<T> answer(Result result, HttpServletResponse response,
            Function<Result, ResponseEntity<T>> body) {
        response.setHeader(RaftHeaders.REVISION, String.valueOf(result.revision()));
        if (result.code() == Result.Code.OK || result.code() == Result.Code.QUEUED) {
            return body.apply(result);
        }
        throw refusal(result);
    }

    /**
     * The problem a refused command answers: 404 for unknown leases, 409 for conflicts.
     */
    static ProblemException refusal(Result result) {
        return switch (result.code()) {
            case NOT_FOUND -> ProblemException.notFound(result.detail());
            case CONFLICT -> ProblemException.conflict(result.detail()).with("currentRevision", result.value());
            case OK, QUEUED -> throw new IllegalStateException("not a refusal: " + result);
        };
    }

    /**
     * Waits for an answer on the request's own (virtual) thread: cheaper than an async
     * dispatch, which runs the whole filter chain a second time.
     */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        }
        catch (CompletionException ex) {
            throw unwrap(ex, false);
        }
    }

    static RuntimeException unwrap(Throwable ex, boolean write) {
        Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
        if (cause instanceof TimeoutException) {
            if (write) {
                return new OutcomeUnknownException(
                        "the request timed out after it was proposed: it may or may not have been applied");
            }
            return new UnavailableException("the read could not be confirmed in time", 1);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(cause);
    }

}
