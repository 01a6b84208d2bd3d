package dev.localecs.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapper for the ECS wire form: epoch-second timestamps, absent nulls, unknown members ignored
 * (as AWS services do) and no scalar coercion, so a number where a string belongs is a
 * {@code SerializationException} as on ECS.
 */
public final class EcsJson {
    private EcsJson() {
    }

    /**
     * Creates a mapper configured for the wire.
     *
     * @return a new mapper
     */
    public static ObjectMapper create() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean,
                LogicalType.Float}) {
            var config = mapper.coercionConfigFor(type);
            config.setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                    ? CoercionAction.TryConvert : CoercionAction.Fail);
            config.setCoercion(CoercionInputShape.Float, type == LogicalType.Float
                    ? CoercionAction.TryConvert : CoercionAction.Fail);
            config.setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean
                    ? CoercionAction.TryConvert : CoercionAction.Fail);
            config.setCoercion(CoercionInputShape.String, type == LogicalType.Textual
                    ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }
}
