package dev.distsys.shared.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpStatus;

/**
 * An expected error a service reports to its HTTP caller as a problem detail: throw it
 * (or a subclass) from a controller or service and the shared advice renders it. Use the
 * factories for the common cases, e.g.
 * {@code throw ProblemException.notFound("order " + id + " does not exist")}.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;

    private final ProblemType type;

    private final List<FieldViolation> errors;

    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, ProblemType type, String detail) {
        this(status, type, detail, List.of());
    }

    protected ProblemException(HttpStatus status, ProblemType type, String detail, List<FieldViolation> errors) {
        super(Objects.requireNonNull(detail, "detail"));
        this.status = Objects.requireNonNull(status, "status");
        this.type = Objects.requireNonNull(type, "type");
        this.errors = List.copyOf(errors);
    }

    /** 404: the addressed resource does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemType.NOT_FOUND, detail);
    }

    /** 409: the request conflicts with the current state (e.g. a stale revision). */
    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemType.CONFLICT, detail);
    }

    /** 422: valid syntax, refused by the domain. */
    public static ProblemException unprocessable(String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.UNPROCESSABLE, detail);
    }

    /**
     * 400 with an {@code errors} array: for rules bean validation cannot express, such as
     * a duplicate sku across items.
     */
    public static ProblemException invalid(List<FieldViolation> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation problem names at least one field");
        }
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemType.VALIDATION, invalidDetail(errors.size()),
                errors);
    }

    /**
     * Adds an extension member to the problem body, e.g. {@code currentRevision} on a
     * 409; returns this exception.
     */
    public ProblemException with(String name, Object value) {
        this.properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return this.status;
    }

    public ProblemType type() {
        return this.type;
    }

    public List<FieldViolation> errors() {
        return this.errors;
    }

    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(this.properties);
    }

    static String invalidDetail(int count) {
        return (count == 1) ? "1 field is invalid" : count + " fields are invalid";
    }

}
