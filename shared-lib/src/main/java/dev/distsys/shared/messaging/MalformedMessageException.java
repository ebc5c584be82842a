package dev.distsys.shared.messaging;

/**
 * A message or envelope that cannot be accepted as it is: retrying will not help, so a
 * consumer should route it to the dead-letter topic. {@link #field()} names what is
 * wrong: a Kafka header name (such as {@code message-id}), {@code key} or {@code value}
 * for a Kafka record, or an envelope field name (such as {@code messageId}) otherwise.
 */
public class MalformedMessageException extends IllegalArgumentException {

    private final String field;

    private final String reason;

    public MalformedMessageException(String field, String reason) {
        this(field, reason, null);
    }

    public MalformedMessageException(String field, String reason, Throwable cause) {
        super(field + ": " + reason, cause);
        this.field = field;
        this.reason = reason;
    }

    /** The header, record part or envelope field that is missing or garbled. */
    public String field() {
        return this.field;
    }

    /** What is wrong with it, without the field name. */
    public String reason() {
        return this.reason;
    }

}
