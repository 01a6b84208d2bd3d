package dev.localecs.runtime.instances;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is stored of a container instance (a machine in a cluster): its status ({@code ACTIVE}, {@code DRAINING} or
 * {@code INACTIVE} once deregistered), when it registered, its version counter and its custom attributes
 * (name → value, an empty value for a value-less attribute).
 *
 * @param status the status
 * @param registeredAt when it registered
 * @param version the version counter
 * @param attributes the custom attributes
 */
record InstanceState(String status, Instant registeredAt, long version, Map<String, String> attributes) {

    InstanceState {
        attributes = new TreeMap<>(attributes == null ? Map.of() : attributes);
    }

    InstanceState with(String newStatus) {
        return new InstanceState(newStatus, registeredAt, version + 1, attributes);
    }

    InstanceState withAttributes(Map<String, String> newAttributes) {
        return new InstanceState(status, registeredAt, version + 1, newAttributes);
    }
}
