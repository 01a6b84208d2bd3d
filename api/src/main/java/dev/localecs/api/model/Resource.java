package dev.localecs.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Describes the resources available for a container instance.
 *
 * @param name The name of the resource, such as {@code CPU}, {@code MEMORY}, {@code PORTS}, {@code PORTS_UDP}.
 * @param type The type of the resource: {@code INTEGER}, {@code DOUBLE}, {@code LONG} or {@code STRINGSET}.
 * @param doubleValue When the doubleValue type is set, the value of the resource must be a double precision floating-point type.
 * @param longValue When the longValue type is set, the value of the resource must be an extended precision floating-point type.
 * @param integerValue When the integerValue type is set, the value of the resource must be an integer.
 * @param stringSetValue When the stringSetValue type is set, the value of the resource must be a string type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resource(
        String name,
        String type,
        Double doubleValue,
        Long longValue,
        Integer integerValue,
        List<String> stringSetValue) {

    /**
     * An {@code INTEGER} resource.
     *
     * @param name the resource name
     * @param value the amount
     * @return the resource
     */
    public static Resource integer(String name, int value) {
        return new Resource(name, "INTEGER", 0.0, 0L, value, null);
    }

    /**
     * A {@code STRINGSET} resource.
     *
     * @param name the resource name
     * @param values the members
     * @return the resource
     */
    public static Resource stringSet(String name, List<String> values) {
        return new Resource(name, "STRINGSET", 0.0, 0L, 0, List.copyOf(values));
    }
}
