package dev.distsys.platform;

/** A component did not come up; the message says which, why, and where its log is. */
final class StartupException extends RuntimeException {

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }

}
