package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One service revision (what DescribeServiceRevisions shows): the task definition, launch type and the members a
 * deployment runs with, fixed when the deployment that introduced it was created.
 *
 * @param id digits, the digits of the {@code ecs-svc/} id of that deployment (the last part of the revision ARN)
 * @param taskDefinition the task definition ARN
 * @param launchType the launch type of its tasks
 * @param members its deployment members (network, capacity providers, Service Connect…) and the service's load
 *        balancers and registries at that time
 * @param createdAt epoch seconds
 */
record ServiceRevision(String id, String taskDefinition, String launchType, ObjectNode members, double createdAt) {
}
