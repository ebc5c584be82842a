package dev.distsys.shared.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson 3's reason for refusing a request body into the field the client got
 * wrong, e.g. {@code items[0].quantity: must be an integer}. Returns null when the body
 * is not JSON at all, which names no field.
 */
final class JsonBodyProblems {

    private static final String BODY = "body";

    private JsonBodyProblems() {
    }

    static FieldViolation violation(Throwable failure) {
        JacksonException jackson = find(failure);
        if (jackson == null || jackson instanceof StreamReadException) {
            return null;
        }
        String path = path(jackson.getPath());
        if (jackson instanceof PropertyBindingException unknown) {
            String property = unknown.getPropertyName();
            if (property != null && !path.equals(property) && !path.endsWith("." + property)) {
                path = path.isEmpty() ? property : path + "." + property;
            }
            return new FieldViolation(path, "unknown field");
        }
        String field = path.isEmpty() ? BODY : path;
        if (jackson instanceof InvalidNullException || (jackson instanceof MismatchedInputException mismatch
                && mismatch.getCurrentToken() == JsonToken.VALUE_NULL)) {
            return new FieldViolation(field, "must not be null");
        }
        if (jackson instanceof ValueInstantiationException && jackson.getCause() != null
                && jackson.getCause().getMessage() != null) {
            return new FieldViolation(field, jackson.getCause().getMessage());
        }
        if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldViolation(field, "must be " + describe(mismatch.getTargetType()));
        }
        return new FieldViolation(field, "is invalid");
    }

    private static JacksonException find(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Says what JSON the client should have sent, not which Java type it maps to. */
    private static String describe(Class<?> type) {
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a valid " + type.getSimpleName();
    }

}
