package dev.distsys.shared.messaging;

import java.util.List;

import tools.jackson.core.JacksonException;

/** Jackson's reference path as a field expression such as {@code items[0].quantity}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(List<JacksonException.Reference> path, boolean leadingDot) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                if (leadingDot || !field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

}
