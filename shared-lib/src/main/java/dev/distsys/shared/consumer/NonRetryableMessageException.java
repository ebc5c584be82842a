package dev.distsys.shared.consumer;

/**
 * A message that can never be handled, however often it is retried (it refers to
 * something that cannot exist, or contradicts the contract): it goes straight to the
 * dead-letter topic, with this message in its headers.
 */
public class NonRetryableMessageException extends RuntimeException {

    public NonRetryableMessageException(String message) {
        super(message);
    }

    public NonRetryableMessageException(String message, Throwable cause) {
        super(message, cause);
    }

}
