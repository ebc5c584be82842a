package dev.distsys.shared.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of a servlet service as an RFC 9457 problem detail in the shape of
 * the public contract: {@code application/problem+json}, a stable {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, and for validation
 * errors an {@code errors} array of {@code {field, message}}.
 *
 * <p>
 * Spring's own handling of framework exceptions funnels through
 * {@link #handleExceptionInternal}, where the platform's types are applied. Ordered last,
 * so that a service's own advice (which should declare a higher precedence) can override
 * single cases; this one still catches the rest, including every unexpected exception as
 * a 500 that is logged with an id and reveals nothing else.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** Thrown by Spring Security; its filters, not this advice, must answer 401/403. */
    private static final List<String> SECURITY_EXCEPTIONS = List.of(
            "org.springframework.security.access.AccessDeniedException",
            "org.springframework.security.core.AuthenticationException");

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
        apply(problem, ex.type());
        if (!ex.errors().isEmpty()) {
            problem.setProperty("errors", ex.errors());
        }
        ex.properties().forEach(problem::setProperty);
        return respond(problem, new HttpHeaders(), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            errors.add(new FieldViolation(field(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldViolation::field));
        return respond(validation(errors), new HttpHeaders(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
        if (isSecurityException(ex)) {
            throw ex;
        }
        return internalError(ex, request);
    }

    private ResponseEntity<Object> internalError(Exception ex, WebRequest request) {
        String errorId = UUID.randomUUID().toString();
        log.error("Unexpected error {} on {}", errorId, describe(request), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote error id " + errorId + " when reporting it");
        apply(problem, ProblemType.INTERNAL);
        problem.setProperty("errorId", errorId);
        return respond(problem, new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldViolation(error.getField(), error.getDefaultMessage()));
        }
        for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
            errors.add(new FieldViolation(error.getObjectName(), error.getDefaultMessage()));
        }
        return respond(validation(errors), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach((result) -> {
            String name = ParameterNames.of(result.getMethodParameter());
            if (result.getContainerIndex() != null) {
                name += "[" + result.getContainerIndex() + "]";
            }
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                // A bean's field errors are relative to the body the client sent.
                String field = (error instanceof FieldError fieldError) ? fieldError.getField() : name;
                errors.add(new FieldViolation(field, error.getDefaultMessage()));
            }
        });
        if (errors.isEmpty()) {
            // Constraints on the return value: the service's bug, not the client's.
            return internalError(ex, request);
        }
        return respond(validation(errors), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldViolation violation = JsonBodyProblems.violation(ex);
        if (violation != null) {
            return respond(validation(List.of(violation)), headers, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, (ex.getCause() == null)
                ? "The request body is missing or unreadable" : "The request body is not well-formed JSON");
        apply(problem, ProblemType.MALFORMED_REQUEST);
        return respond(problem, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
        String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
        if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
            name = ParameterNames.of(mismatch.getParameter());
        }
        return respond(validation(List.of(new FieldViolation(name, "must be a valid " + expected))), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(validation(List.of(new FieldViolation(ex.getParameterName(), "query parameter is required"))),
                headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return respond(validation(List.of(new FieldViolation(missing.getHeaderName(), "header is required"))),
                    headers, request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    /** Every response of this advice, Spring's included, passes here. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
                ProblemType type = ProblemType.forStatus(problem.getStatus());
                if (type != null) {
                    apply(problem, type);
                }
            }
            if (problem.getDetail() == null) {
                HttpStatus status = HttpStatus.resolve(problem.getStatus());
                problem.setDetail((status != null) ? status.getReasonPhrase() : problem.getTitle());
            }
            if (problem.getStatus() >= 500) {
                log.warn("{} answered {} on {}", ex.getClass().getSimpleName(), problem.getStatus(), describe(request));
            }
            return respond(problem, response.getHeaders(), request);
        }
        return response;
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        HttpHeaders responseHeaders = new HttpHeaders();
        responseHeaders.putAll(headers);
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(responseHeaders).body(problem);
    }

    private static ProblemDetail validation(List<FieldViolation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                ProblemException.invalidDetail(errors.size()));
        apply(problem, ProblemType.VALIDATION);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static void apply(ProblemDetail problem, ProblemType type) {
        problem.setType(type.uri());
        problem.setTitle(type.title());
    }

    /** A validation path without the method and parameter nodes of method validation. */
    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || (node.getKind() == ElementKind.PARAMETER && !last)
                    || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
            if (i + 1 < nodes.size() && nodes.get(i + 1).isInIterable()) {
                Path.Node next = nodes.get(i + 1);
                field.append('[').append((next.getIndex() != null) ? next.getIndex() : next.getKey()).append(']');
            }
        }
        return field.isEmpty() ? path.toString() : field.toString();
    }

    private static boolean isSecurityException(Throwable ex) {
        for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
            if (SECURITY_EXCEPTIONS.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(WebRequest request) {
        return (request instanceof ServletWebRequest servlet)
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }

}
