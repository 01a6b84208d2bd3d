package dev.localecs.plugins.account;

import dev.localecs.api.CapacityProviderRegistry;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.AutoScalingGroupProvider;
import dev.localecs.api.model.CapacityProvider;
import dev.localecs.api.model.ManagedScaling;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the capacity-provider actions share: references, ECS's defaults and limits, the answer's view. */
final class Providers {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    private Providers() {
    }

    /** The provider name a name or ARN refers to. */
    static String nameOf(String reference) {
        int slash = reference.startsWith("arn:") ? reference.lastIndexOf('/') : -1;
        return slash >= 0 ? reference.substring(slash + 1) : reference;
    }

    /** The provider a reference names, whatever its status. */
    static Optional<CapacityProvider> find(PluginContext context, String reference) {
        return context.capacityProviders().find(nameOf(reference));
    }

    /** ECS's refusal for a reference that names no provider. */
    static EcsException notFound() {
        return EcsException.client("The specified capacity provider does not exist. Specify a valid name or ARN and "
                + "try again.");
    }

    /** A name ECS accepts for a new provider. */
    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw EcsException.invalidParameter("The specified capacity provider name is invalid. Up to 255 letters "
                    + "(uppercase and lowercase), numbers, underscores, and hyphens are allowed.");
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("aws") || lower.startsWith("ecs") || lower.startsWith("fargate")) {
            throw EcsException.invalidParameter("The specified capacity provider name is invalid. Capacity provider "
                    + "names cannot be prefixed with \"aws\", \"ecs\", or \"fargate\".");
        }
    }

    /** The scaling settings with ECS's defaults filled in, after checking their ranges. */
    static ManagedScaling scaling(ManagedScaling given, ManagedScaling current) {
        ManagedScaling base = current != null ? current : new ManagedScaling("DISABLED", 100, 1, 10000, 300);
        if (given == null) {
            return base;
        }
        String status = given.status() != null ? given.status() : base.status();
        if (!List.of("ENABLED", "DISABLED").contains(status)) {
            throw EcsException.invalidParameter("Invalid managedScaling status '" + status
                    + "'. Valid values: ENABLED, DISABLED.");
        }
        int target = range("targetCapacity", given.targetCapacity(), base.targetCapacity(), 1, 100);
        int minimum = range("minimumScalingStepSize", given.minimumScalingStepSize(), base.minimumScalingStepSize(),
                1, 10000);
        int maximum = range("maximumScalingStepSize", given.maximumScalingStepSize(), base.maximumScalingStepSize(),
                1, 10000);
        if (minimum > maximum) {
            throw EcsException.invalidParameter("The minimumScalingStepSize cannot be greater than the "
                    + "maximumScalingStepSize.");
        }
        int warmup = range("instanceWarmupPeriod", given.instanceWarmupPeriod(), base.instanceWarmupPeriod(), 0,
                10000);
        return new ManagedScaling(status, target, minimum, maximum, warmup);
    }

    private static int range(String name, Integer given, int current, int min, int max) {
        int value = given != null ? given : current;
        if (value < min || value > max) {
            throw EcsException.invalidParameter(name + " must be between " + min + " and " + max + ".");
        }
        return value;
    }

    /** An {@code ENABLED}/{@code DISABLED} option, or its current value. */
    static String option(String name, String given, String current) {
        String value = given != null ? given : current;
        if (!List.of("ENABLED", "DISABLED").contains(value)) {
            throw EcsException.invalidParameter("Invalid " + name + " '" + value + "'. Valid values: ENABLED, "
                    + "DISABLED.");
        }
        return value;
    }

    /** The clusters (ACTIVE) a provider is associated with. */
    static List<String> clustersUsing(PluginContext context, String name) {
        return context.clusters().list().stream().filter(c -> "ACTIVE".equals(c.status()))
                .filter(c -> c.capacityProviders() != null && c.capacityProviders().contains(name))
                .map(c -> c.clusterName()).toList();
    }

    /** The provider as answers show it, with its tags when asked for. */
    static CapacityProvider view(PluginContext context, CapacityProvider provider, boolean tags) {
        return new CapacityProvider(provider.capacityProviderArn(), provider.name(), provider.cluster(),
                provider.status(), provider.autoScalingGroupProvider(), provider.managedInstancesProvider(),
                provider.updateStatus(), provider.updateStatusReason(),
                tags ? context.tags().tags(provider.capacityProviderArn()) : null, provider.type());
    }

    /** Whether a provider is one of the built-in Fargate ones. */
    static boolean builtIn(String name) {
        return CapacityProviderRegistry.BUILT_IN.contains(name);
    }

    /** An ASG provider with a new scaling, termination protection or draining. */
    static AutoScalingGroupProvider withAsg(AutoScalingGroupProvider current, ManagedScaling scaling,
                                            String termination, String draining) {
        return new AutoScalingGroupProvider(current.autoScalingGroupArn(), scaling, termination, draining);
    }
}
