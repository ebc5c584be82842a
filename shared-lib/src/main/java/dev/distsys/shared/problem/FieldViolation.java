package dev.distsys.shared.problem;

/**
 * One entry of a validation problem's {@code errors} array.
 *
 * @param field the field as the client wrote it, e.g. {@code items[0].quantity}, or a
 * header or parameter name such as {@code Idempotency-Key}
 * @param message what is wrong with it, for a human
 */
public record FieldViolation(String field, String message) {
}
