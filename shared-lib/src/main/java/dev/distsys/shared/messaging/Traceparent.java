package dev.distsys.shared.messaging;

import java.util.regex.Pattern;

/**
 * The W3C Trace Context {@code traceparent} format:
 * {@code version-traceid-parentid-flags}, lowercase hex, e.g.
 * {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace
 * Context</a>
 */
public final class Traceparent {

    /** Version 00 has exactly these four fields; later versions may append more. */
    private static final Pattern FORMAT = Pattern
        .compile("(?<version>[0-9a-f]{2})-(?<trace>[0-9a-f]{32})-(?<parent>[0-9a-f]{16})-[0-9a-f]{2}(?<rest>-.*)?");

    private static final int MAX_LENGTH = 512;

    private Traceparent() {
    }

    /** Whether {@code value} is a traceparent a version-00 parser must accept. */
    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    /**
     * Returns {@code value} if it is a valid traceparent.
     * @throws MalformedMessageException naming {@code field} otherwise
     */
    public static String requireValid(String value, String field) {
        String problem = problem(value);
        if (problem != null) {
            throw new MalformedMessageException(field, problem);
        }
        return value;
    }

    private static String problem(String value) {
        if (value == null) {
            return "is missing";
        }
        var matcher = (value.length() <= MAX_LENGTH) ? FORMAT.matcher(value) : null;
        if (matcher == null || !matcher.matches()) {
            return "is not a W3C traceparent (version-traceid-parentid-flags in lowercase hex)";
        }
        String version = matcher.group("version");
        if (version.equals("ff")) {
            return "has the forbidden version ff";
        }
        if (version.equals("00") && matcher.group("rest") != null) {
            return "has fields after the flags, which version 00 does not allow";
        }
        if (matcher.group("trace").chars().allMatch((c) -> c == '0')) {
            return "has an all-zero trace id";
        }
        if (matcher.group("parent").chars().allMatch((c) -> c == '0')) {
            return "has an all-zero parent id";
        }
        return null;
    }

}
