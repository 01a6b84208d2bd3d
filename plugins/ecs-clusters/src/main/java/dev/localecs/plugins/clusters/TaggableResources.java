package dev.localecs.plugins.clusters;

import dev.localecs.api.Arn;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;

/** Checks that a {@code resourceArn} names a taggable resource (cluster, task definition, task) that exists. */
final class TaggableResources {
    private TaggableResources() {
    }

    /** Returns the ARN when it names an existing cluster or task-definition revision; throws otherwise. */
    static String existing(PluginContext context, String resourceArn) {
        Arn arn = Arn.parse(resourceArn).filter(a -> a.service().equals("ecs"))
                .orElseThrow(() -> EcsException.invalidParameter("Invalid resourceArn '" + resourceArn
                        + "': expected an Amazon ECS ARN."));
        switch (arn.resourceType()) {
            case "cluster" -> {
                ClusterNames.active(context, resourceArn);
                return context.arns().cluster(arn.resourceId());
            }
            case "task-definition" -> {
                var ref = TaskDefinitionRef.parse(resourceArn).filter(r -> r.revision().isPresent())
                        .orElseThrow(() -> EcsException.invalidParameter("Invalid resourceArn '" + resourceArn
                                + "': a task definition ARN must end in family:revision."));
                var definition = context.taskDefinitions().find(ref.family(), ref.revision().getAsInt())
                        .filter(d -> !"DELETE_IN_PROGRESS".equals(d.status()))
                        .orElseThrow(() -> new EcsException(ErrorCode.RESOURCE_NOT_FOUND,
                                "The specified resource could not be found."));
                return definition.taskDefinitionArn();
            }
            case "task" -> {
                String[] parts = arn.resourceId().split("/");
                if (parts.length != 2 || context.tasks().find(parts[0], parts[1]).isEmpty()) {
                    throw new EcsException(ErrorCode.RESOURCE_NOT_FOUND, "The specified resource could not be found.");
                }
                return context.arns().task(parts[0], parts[1]);
            }
            default -> throw EcsException.invalidParameter("Tagging resources of type '" + arn.resourceType()
                    + "' is not supported here; clusters, task definitions and tasks can be tagged.");
        }
    }
}
