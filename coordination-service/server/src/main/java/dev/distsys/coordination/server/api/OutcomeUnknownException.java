package dev.distsys.coordination.server.api;

/** A write timed out after it was proposed: it may still apply (HTTP 504). */
final class OutcomeUnknownException extends RuntimeException {

    OutcomeUnknownException(String message) {
        super(message);
    }

}
