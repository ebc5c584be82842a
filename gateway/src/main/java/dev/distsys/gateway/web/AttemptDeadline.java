package dev.distsys.gateway.web;

import org.springframework.web.server.ServerWebExchange;

/**
 * The {@link System#nanoTime()} by which the current upstream attempt must have answered,
 * kept on the exchange, so that whoever sees an attempt cancelled can tell a timeout (a
 * failure of the upstream) from a client that went away (no verdict on the upstream).
 */
public final class AttemptDeadline {

    /**
     * Exchange attribute: a {@code Long}, nanoseconds on the {@link System#nanoTime()}
     * scale.
     */
    public static final String ATTRIBUTE = AttemptDeadline.class.getName();

    private AttemptDeadline() {
    }

    public static void set(ServerWebExchange exchange, long deadlineNanos) {
        exchange.getAttributes().put(ATTRIBUTE, deadlineNanos);
    }

    /**
     * Whether an attempt cancelled at {@code nowNanos} ran out of time. Without a known
     * deadline a cancellation counts as a timeout.
     */
    public static boolean passed(ServerWebExchange exchange, long nowNanos) {
        Object deadline = exchange.getAttribute(ATTRIBUTE);
        return !(deadline instanceof Long nanos) || nowNanos - nanos >= 0;
    }

}
