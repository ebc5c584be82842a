package dev.distsys.coordination.server.api;

import java.net.URI;

import dev.distsys.coordination.server.node.CompactedException;
import dev.distsys.coordination.server.node.UnavailableException;
import dev.distsys.shared.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The coordination API's own operating errors: 503 (not applied, retry after), 504
 * (outcome unknown) and 410 (compacted), as problem details like every other error.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CoordinationProblems {

    static final ProblemType COMPACTED = ProblemType.of("compacted", "Revision compacted");

    @ExceptionHandler(UnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(UnavailableException ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header("Retry-After", String.valueOf(ex.retryAfterSeconds()))
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.UNAVAILABLE, ex.getMessage(), request));
    }

    @ExceptionHandler(OutcomeUnknownException.class)
    ResponseEntity<ProblemDetail> unknown(OutcomeUnknownException ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem(HttpStatus.GATEWAY_TIMEOUT, ProblemType.TIMEOUT, ex.getMessage(), request));
    }

    @ExceptionHandler(CompactedException.class)
    ResponseEntity<ProblemDetail> compacted(CompactedException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.GONE, COMPACTED, ex.getMessage(), request);
        problem.setProperty("compactedRevision", ex.compactedRevision());
        return ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static ProblemDetail problem(HttpStatus status, ProblemType type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

}
