package dev.distsys.shared.problem;

import java.net.URI;
import java.util.Objects;

/**
 * A stable RFC 9457 problem {@code type} URI with its human title. Clients branch on the
 * URI, so a published type never changes meaning; new ones are added with
 * {@link #of(String, String)}.
 *
 * @param uri the {@code type} member
 * @param title the {@code title} member: the same for every occurrence of the type
 */
public record ProblemType(URI uri, String title) {

    /** Where the platform's problem types live. */
    public static final String BASE = "https://distsys.dev/problems/";

    /** The request names fields that are invalid; {@code errors} lists them. */
    public static final ProblemType VALIDATION = of("validation", "Validation failed");

    /** The request body is not JSON, or missing. */
    public static final ProblemType MALFORMED_REQUEST = of("malformed-request", "Malformed request");

    public static final ProblemType UNAUTHORIZED = of("unauthorized", "Unauthorized");

    public static final ProblemType FORBIDDEN = of("forbidden", "Forbidden");

    public static final ProblemType NOT_FOUND = of("not-found", "Not found");

    public static final ProblemType METHOD_NOT_ALLOWED = of("method-not-allowed", "Method not allowed");

    public static final ProblemType NOT_ACCEPTABLE = of("not-acceptable", "Not acceptable");

    public static final ProblemType CONFLICT = of("conflict", "Conflict");

    public static final ProblemType PAYLOAD_TOO_LARGE = of("payload-too-large", "Payload too large");

    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type", "Unsupported media type");

    /**
     * Well-formed and valid, but the domain refuses it (e.g. an idempotency key reused).
     */
    public static final ProblemType UNPROCESSABLE = of("unprocessable", "Unprocessable request");

    public static final ProblemType UNAVAILABLE = of("unavailable", "Service unavailable");

    public static final ProblemType TIMEOUT = of("timeout", "Timed out");

    /** A bug or an unexpected failure; the detail carries an id to find the log entry. */
    public static final ProblemType INTERNAL = of("internal", "Internal error");

    public ProblemType {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(title, "title");
    }

    /** A type under {@link #BASE}, e.g. {@code of("out-of-stock", "Out of stock")}. */
    public static ProblemType of(String slug, String title) {
        if (!slug.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("a problem slug is 1-64 of [a-z0-9-], was " + slug);
        }
        return new ProblemType(URI.create(BASE + slug), title);
    }

    /** The platform's type for a framework error of this status, if it has one. */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 503 -> UNAVAILABLE;
            case 504 -> TIMEOUT;
            default -> (status >= 500) ? INTERNAL : null;
        };
    }

}
