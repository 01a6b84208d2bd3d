package dev.localecs.plugins.clusters;

import dev.localecs.api.Arn;
import dev.localecs.api.CapacityProviderRegistry;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;

/**
 * Checks that a {@code resourceArn} names a taggable resource (cluster, task definition, task, service) that exists.
 * Each operation says "missing" with the errors its model lists: TagResource and UntagResource with
 * {@code ClusterNotFoundException} / {@code ResourceNotFoundException}; ListTagsForResource, whose model has
 * no {@code ResourceNotFoundException}, as ECS answers it.
 */
final class TaggableResources {
    /** The errors an operation answers for a missing resource. */
    enum Missing {
        /** TagResource, UntagResource. */
        TAGGING,
        /** ListTagsForResource. */
        LISTING
    }

    private TaggableResources() {
    }

    /** Returns the ARN when it names an existing cluster, task-definition revision or task; throws otherwise. */
    static String existing(PluginContext context, String resourceArn, Missing missing) {
        Arn arn = Arn.parse(resourceArn).filter(a -> a.service().equals("ecs"))
                .orElseThrow(() -> EcsException.invalidParameter("Invalid resourceArn '" + resourceArn
                        + "': expected an Amazon ECS ARN."));
        switch (arn.resourceType()) {
            case "cluster" -> {
                if (missing == Missing.LISTING && context.clusters().find(ClusterNames.nameOf(resourceArn))
                        .filter(cluster -> "INACTIVE".equals(cluster.status())).isPresent()) {
                    throw EcsException.invalidParameter(
                            "The specified cluster is inactive. Specify an active cluster and try again.");
                }
                ClusterNames.active(context, resourceArn);
                return context.arns().cluster(arn.resourceId());
            }
            case "task-definition" -> {
                var ref = TaskDefinitionRef.parse(resourceArn).filter(r -> r.revision().isPresent())
                        .orElseThrow(() -> EcsException.invalidParameter("Invalid resourceArn '" + resourceArn
                                + "': a task definition ARN must end in family:revision."));
                var definition = context.taskDefinitions().find(ref.family(), ref.revision().getAsInt())
                        .filter(d -> !"DELETE_IN_PROGRESS".equals(d.status()))
                        .orElseThrow(() -> missing == Missing.LISTING
                                ? EcsException.client("The specified task definition does not exist.")
                                : notFound());
                return definition.taskDefinitionArn();
            }
            case "task" -> {
                String[] parts = arn.resourceId().split("/");
                if (parts.length != 2 || context.tasks().find(parts[0], parts[1]).isEmpty()) {
                    throw missing == Missing.LISTING
                            ? EcsException.invalidParameter("The referenced task was not found.") : notFound();
                }
                return context.arns().task(parts[0], parts[1]);
            }
            case "service" -> {
                // service/<cluster>/<name>, or the old service/<name> of the default cluster
                String[] parts = arn.resourceId().split("/");
                String serviceArn = parts.length == 2 ? context.arns().service(parts[0], parts[1])
                        : parts.length == 1 ? context.arns().service("default", parts[0]) : resourceArn;
                // the services plugin reports every service it keeps; INACTIVE ones take no new tags
                boolean exists = context.services().status(serviceArn)
                        .filter(status -> missing == Missing.LISTING || !"INACTIVE".equals(status)).isPresent();
                if (!exists) {
                    throw missing == Missing.LISTING
                            ? EcsException.client("The specified service does not exist.") : notFound();
                }
                return serviceArn;
            }
            case "capacity-provider" -> {
                var provider = context.capacityProviders().find(arn.resourceId())
                        .filter(p -> "ACTIVE".equals(p.status())
                                && !CapacityProviderRegistry.BUILT_IN.contains(p.name()))
                        .orElseThrow(() -> missing == Missing.LISTING
                                ? EcsException.client("The specified capacity provider does not exist. Specify a "
                                + "valid name or ARN and try again.") : notFound());
                return provider.capacityProviderArn();
            }
            case "container-instance" -> {
                String[] parts = arn.resourceId().split("/");
                if (parts.length != 2
                        || context.clusters().find(parts[0]).filter(c -> "ACTIVE".equals(c.status())).isEmpty()
                        || context.containerInstances().find(parts[0], resourceArn).isEmpty()) {
                    throw missing == Missing.LISTING
                            ? EcsException.invalidParameter("The referenced container instance was not found.")
                            : notFound();
                }
                return context.arns().containerInstance(parts[0], parts[1]);
            }
            default -> throw EcsException.invalidParameter("Tagging resources of type '" + arn.resourceType()
                    + "' is not supported here; clusters, task definitions, tasks, services, capacity providers and "
                    + "container instances can be tagged.");
        }
    }

    private static EcsException notFound() {
        return new EcsException(ErrorCode.RESOURCE_NOT_FOUND, "The specified resource could not be found.");
    }
}
