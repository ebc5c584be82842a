package dev.distsys.shared.problem;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The contract's strict request bodies: an unknown field, a null for a primitive, a
 * fractional number for an integer, or a value of another JSON type (a number for a
 * string, a string for a number or boolean) is refused rather than guessed at.
 *
 * <p>
 * This changes the whole mapper, so a service that also reads other services' JSON with
 * it must mark those client DTOs {@code @JsonIgnoreProperties(ignoreUnknown = true)} to
 * stay forward compatible.
 */
public final class StrictJson {

    private StrictJson() {
    }

    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual,
                    (textual) -> textual.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

}
