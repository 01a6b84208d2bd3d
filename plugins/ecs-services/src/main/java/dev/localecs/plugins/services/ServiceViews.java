package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import java.util.List;


/** A stored service in the wire form of ECS's {@code Service}. */
final class ServiceViews {

    private ServiceViews() {
    }

    /**
     * The service as DescribeServices and the mutating actions answer it.
     *
     * @param context the runtime's services
     * @param service the service
     * @param withTags whether to include its tags ({@code include: [TAGS]})
     * @return the wire object
     */
    static ObjectNode view(PluginContext context, StoredService service, boolean withTags) {
        ObjectMapper json = context.json();
        ObjectNode view = json.createObjectNode();
        view.put("serviceArn", service.serviceArn());
        view.put("serviceName", service.serviceName());
        view.put("clusterArn", context.arns().cluster(service.cluster()));
        view.put("status", service.status());
        view.put("desiredCount", service.desiredCount());
        // a service of task sets (CODE_DEPLOY, EXTERNAL) counts its task sets' tasks and answers no deployments
        boolean byTaskSets = service.deploymentController().usesTaskSets();
        if (byTaskSets) {
            view.put("runningCount", TaskSets.sum(service, "runningCount"));
            view.put("pendingCount", TaskSets.sum(service, "pendingCount"));
        } else {
            view.put("runningCount", service.deployments().stream().mapToInt(ServiceDeployment::runningCount).sum());
            view.put("pendingCount", service.deployments().stream().mapToInt(ServiceDeployment::pendingCount).sum());
        }
        if (!service.members().has("capacityProviderStrategy")) {
            view.put("launchType", service.launchType());
        }
        if (service.taskDefinition() != null) {
            view.put("taskDefinition", service.taskDefinition());
        }
        ArrayNode deployments = view.putArray("deployments");
        if (!byTaskSets) {
            service.deployments().forEach(deployment -> deployments.add(deployment(json, deployment)));
        }
        ArrayNode events = view.putArray("events");
        service.events().forEach(event -> events.add(json.valueToTree(event)));
        view.put("createdAt", service.createdAt());
        if (!service.history().isEmpty()) {
            view.put("currentServiceDeployment", ServiceDeploymentViews.deploymentArn(context, service,
                    service.history().getFirst().id()));
        }
        ArrayNode revisions = view.putArray("currentServiceRevisions");
        List<ServiceDeployment> revised = byTaskSets ? List.of() : service.deployments();
        revised.stream().map(ServiceDeployment::revision).distinct().forEach(revision -> {
            ObjectNode summary = revisions.addObject();
            summary.put("arn", ServiceDeploymentViews.revisionArn(context, service, revision));
            summary.put("requestedTaskCount", revised.stream()
                    .filter(d -> d.revision().equals(revision)).mapToInt(ServiceDeployment::desiredCount).sum());
            summary.put("runningTaskCount", revised.stream()
                    .filter(d -> d.revision().equals(revision)).mapToInt(ServiceDeployment::runningCount).sum());
            summary.put("pendingTaskCount", revised.stream()
                    .filter(d -> d.revision().equals(revision)).mapToInt(ServiceDeployment::pendingCount).sum());
        });
        view.put("schedulingStrategy", service.schedulingStrategy());
        view.put("createdBy", context.arns().accountRoot());
        view.setAll(service.members());
        view.remove(ExpressGatewayServices.MEMBER);
        if (byTaskSets) {
            ArrayNode sets = view.putArray(TaskSets.MEMBER);
            TaskSets.of(service).forEach(set -> sets.add(TaskSetViews.view(context, set, false)));
        }
        if (withTags) {
            view.set("tags", json.valueToTree(context.tags().tags(service.serviceArn())));
        }
        return view;
    }

    private static ObjectNode deployment(ObjectMapper json, ServiceDeployment deployment) {
        ObjectNode view = json.createObjectNode();
        view.put("id", deployment.id());
        view.put("status", deployment.status());
        view.put("taskDefinition", deployment.taskDefinition());
        view.put("desiredCount", deployment.desiredCount());
        view.put("pendingCount", deployment.pendingCount());
        view.put("runningCount", deployment.runningCount());
        view.put("failedTasks", deployment.failedTasks());
        view.put("createdAt", deployment.createdAt());
        view.put("updatedAt", deployment.updatedAt());
        if (!deployment.members().has("capacityProviderStrategy")) {
            view.put("launchType", deployment.launchType());
        }
        view.setAll(deployment.members());
        view.put("rolloutState", deployment.rolloutState());
        view.put("rolloutStateReason", deployment.rolloutStateReason());
        return view;
    }

}
