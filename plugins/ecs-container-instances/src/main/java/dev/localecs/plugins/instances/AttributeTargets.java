package dev.localecs.plugins.instances;

import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Attribute;
import java.util.List;

/** Checks that every attribute of a Put/DeleteAttributes targets a registered instance of the cluster. */
final class AttributeTargets {

    private AttributeTargets() {
    }

    static void requireRegistered(PluginContext context, String cluster, List<Attribute> attributes) {
        for (Attribute attribute : attributes) {
            if (attribute.targetId() == null || attribute.targetId().isEmpty()) {
                throw EcsException.invalidParameter("targetId is required for attribute '" + attribute.name()
                        + "'.");
            }
            if (Instances.registered(context, cluster, attribute.targetId()).isEmpty()) {
                throw new EcsException(ErrorCode.TARGET_NOT_FOUND, "Could not find " + attribute.targetId());
            }
        }
    }

    /** The attribute as the answers show it: with its target type and the instance ARN. */
    static Attribute answered(PluginContext context, String cluster, Attribute attribute) {
        return new Attribute(attribute.name(), attribute.value(), "container-instance",
                Instances.required(context, cluster, attribute.targetId()).containerInstanceArn());
    }
}
