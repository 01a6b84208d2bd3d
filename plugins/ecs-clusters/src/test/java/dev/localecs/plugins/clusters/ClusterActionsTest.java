package dev.localecs.plugins.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Cluster;
import dev.localecs.testing.FakePluginContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster actions against in-memory clusters, tags, tasks and service reports. */
class ClusterActionsTest {
    private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:cluster/";
    private final FakePluginContext context = new FakePluginContext();

    /** Adds a task of the {@code default} cluster. */
    private void task(String launchType, String lastStatus, String desiredStatus) {
        context.tasks().add(Map.of("clusterArn", context.arns().cluster("default"), "launchType", launchType,
                "lastStatus", lastStatus, "desiredStatus", desiredStatus));
    }

    private JsonNode describe(String include) {
        Object answer = context.handle(new DescribeClustersAction(context), "{\"include\":" + include + "}");
        return context.json().valueToTree(answer).at("/clusters/0");
    }

    @Test
    void statisticsCountLiveTasksByLaunchTypeAndReportedServices() {
        task("FARGATE", "RUNNING", "RUNNING");
        task("FARGATE", "RUNNING", "STOPPED");
        task("EC2", "PENDING", "RUNNING");
        task("EC2", "PROVISIONING", "RUNNING");
        task("EXTERNAL", "RUNNING", "RUNNING");
        task("EC2", "STOPPED", "STOPPED");
        context.services().report(ARN.replace("cluster/", "service/default/web"), "default", "FARGATE", "ACTIVE");
        context.services().report(ARN.replace("cluster/", "service/default/old"), "default", "EC2", "DRAINING");
        context.services().report(ARN.replace("cluster/", "service/other/api"), "other", "EC2", "ACTIVE");

        JsonNode cluster = describe("[\"STATISTICS\"]");

        Map<String, String> statistics = new LinkedHashMap<>();
        cluster.get("statistics").forEach(pair -> statistics.put(pair.get("name").asText(), pair.get("value").asText()));
        assertThat(statistics).containsExactly(
                Map.entry("runningEC2TasksCount", "0"), Map.entry("runningFargateTasksCount", "2"),
                Map.entry("pendingEC2TasksCount", "2"), Map.entry("pendingFargateTasksCount", "0"),
                Map.entry("runningExternalTasksCount", "1"), Map.entry("pendingExternalTasksCount", "0"),
                Map.entry("runningManagedInstancesTasksCount", "0"), Map.entry("pendingManagedInstancesTasksCount", "0"),
                Map.entry("activeEC2ServiceCount", "0"), Map.entry("activeFargateServiceCount", "1"),
                Map.entry("drainingEC2ServiceCount", "1"), Map.entry("drainingFargateServiceCount", "0"),
                Map.entry("activeExternalServiceCount", "0"), Map.entry("drainingExternalServiceCount", "0"),
                Map.entry("activeManagedInstancesServiceCount", "0"),
                Map.entry("drainingManagedInstancesServiceCount", "0"));
        assertThat(cluster.get("runningTasksCount").asInt()).isEqualTo(3);
        assertThat(cluster.get("pendingTasksCount").asInt()).isEqualTo(2);
        assertThat(cluster.get("activeServicesCount").asInt()).as("ACTIVE services of this cluster").isEqualTo(1);

        context.services().forget(ARN.replace("cluster/", "service/default/web"));
        assertThat(describe("[]").get("activeServicesCount").asInt()).isZero();
    }

    @Test
    void includeOnlyMembersAreLeftOutUnlessIncluded() {
        context.handle(new CreateClusterAction(context), "{\"clusterName\":\"c\",\"tags\":[{\"key\":\"k\",\"value\":\"v\"}],"
                + "\"configuration\":{\"executeCommandConfiguration\":{\"logging\":\"DEFAULT\"}}}");
        JsonNode bare = context.json().valueToTree(context.handle(new DescribeClustersAction(context),
                "{\"clusters\":[\"c\"]}")).at("/clusters/0");
        assertThat(bare.fieldNames()).toIterable().doesNotContain("tags", "settings", "statistics", "configuration",
                "attachments").contains("capacityProviders", "defaultCapacityProviderStrategy", "runningTasksCount");

        JsonNode full = context.json().valueToTree(context.handle(new DescribeClustersAction(context),
                "{\"clusters\":[\"c\"],\"include\":[\"TAGS\",\"SETTINGS\",\"CONFIGURATIONS\"]}")).at("/clusters/0");
        assertThat(full.at("/tags/0/key").asText()).isEqualTo("k");
        assertThat(full.at("/settings/0/value").asText()).isEqualTo("disabled");
        assertThat(full.at("/configuration/executeCommandConfiguration/logging").asText()).isEqualTo("DEFAULT");
        assertThat(full.has("statistics")).isFalse();
    }

    @Test
    void updatesMergeSettingsAndKeepWhatIsNotGiven() {
        context.handle(new CreateClusterAction(context), "{\"clusterName\":\"u\",\"serviceConnectDefaults\":"
                + "{\"namespace\":\"ns-arn\"},\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enabled\"}]}");
        Cluster updated = cluster(context.handle(new UpdateClusterAction(context), "{\"cluster\":\"" + ARN + "u\","
                + "\"configuration\":{\"executeCommandConfiguration\":{\"kmsKeyId\":\"k\"}}}"));
        assertThat(updated.settings()).extracting(s -> s.name() + "=" + s.value()).containsExactly("containerInsights=enabled");
        assertThat(updated.serviceConnectDefaults().namespace()).isEqualTo("ns-arn");
        assertThat(updated.configuration().executeCommandConfiguration().kmsKeyId()).isEqualTo("k");

        Cluster settled = cluster(context.handle(new UpdateClusterSettingsAction(context), "{\"cluster\":\"u\","
                + "\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enhanced\"}]}"));
        assertThat(settled.settings()).extracting(s -> s.value()).containsExactly("enhanced");
        assertThat(settled.configuration().executeCommandConfiguration().kmsKeyId()).isEqualTo("k");

        Cluster cleared = cluster(context.handle(new UpdateClusterAction(context), "{\"cluster\":\"u\","
                + "\"serviceConnectDefaults\":{\"namespace\":\"\"}}"));
        assertThat(cleared.serviceConnectDefaults()).isNull();
        assertThat(context.clusters().find("u").orElseThrow().serviceConnectDefaults()).isNull();
    }

    @Test
    void capacityProvidersAcceptFargateOnlyAndStrategiesOnlyOfAssociatedProviders() {
        Cluster put = cluster(context.handle(new PutClusterCapacityProvidersAction(context), "{\"cluster\":\"default\","
                + "\"capacityProviders\":[\"FARGATE_SPOT\",\"FARGATE\"],\"defaultCapacityProviderStrategy\":"
                + "[{\"capacityProvider\":\"FARGATE_SPOT\",\"weight\":3}]}"));
        assertThat(put.capacityProviders()).containsExactly("FARGATE_SPOT", "FARGATE");
        assertThat(put.defaultCapacityProviderStrategy()).extracting(i -> i.capacityProvider() + ":" + i.base() + ":"
                + i.weight()).as("base filled with its default").containsExactly("FARGATE_SPOT:0:3");
        assertThat(context.clusters().find("default").orElseThrow().capacityProviders()).hasSize(2);

        assertThatThrownBy(() -> context.handle(new PutClusterCapacityProvidersAction(context), "{\"cluster\":\"default\","
                + "\"capacityProviders\":[\"asg-provider\"],\"defaultCapacityProviderStrategy\":[]}"))
                .isInstanceOf(EcsException.class).hasMessage("The specified capacity provider was not found. Specify a "
                        + "valid capacity provider and try again.");
        assertThatThrownBy(() -> context.handle(new PutClusterCapacityProvidersAction(context), "{\"cluster\":\"default\","
                + "\"capacityProviders\":[\"FARGATE\"],\"defaultCapacityProviderStrategy\":[{\"capacityProvider\":"
                + "\"FARGATE\",\"base\":1},{\"capacityProvider\":\"FARGATE\",\"base\":2}]}"))
                .isInstanceOf(EcsException.class).hasMessageContaining("more than once");
        assertThatThrownBy(() -> context.handle(new CreateClusterAction(context), "{\"clusterName\":\"x\","
                + "\"capacityProviders\":[\"FARGATE\"],\"defaultCapacityProviderStrategy\":[{\"capacityProvider\":"
                + "\"FARGATE_SPOT\"}]}")).isInstanceOf(EcsException.class)
                .hasMessageContaining("not associated with the cluster");
        assertThat(context.clusters().find("x")).as("refused before anything is stored").isEmpty();
    }

    private static Cluster cluster(Object answer) {
        return (Cluster) ((Map<?, ?>) answer).get("cluster");
    }

    @Test
    void deleteIsRefusedWhileReportedServicesAreActiveOrDraining() {
        context.handle(new CreateClusterAction(context), "{\"clusterName\":\"busy\"}");
        String service = ARN.replace("cluster/", "service/busy/web");
        context.services().report(service, "busy", "FARGATE", "DRAINING");

        assertThatThrownBy(() -> context.handle(new DeleteClusterAction(context), "{\"cluster\":\"busy\"}"))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code().awsCode())
                        .isEqualTo("ClusterContainsServicesException"))
                .hasMessage("The Cluster cannot be deleted while Services are active.");

        context.services().report(service, "busy", "FARGATE", "INACTIVE");
        assertThat(cluster(context.handle(new DeleteClusterAction(context), "{\"cluster\":\"busy\"}")).status())
                .isEqualTo("INACTIVE");
    }

    @Test
    void reportedServicesCanBeTaggedUntaggedAndListedByArn() {
        String service = ARN.replace("cluster/", "service/default/web");
        String unknown = ARN.replace("cluster/", "service/default/nope");
        assertThatThrownBy(() -> context.handle(new TagResourceAction(context), "{\"resourceArn\":\"" + service
                + "\",\"tags\":[{\"key\":\"team\",\"value\":\"a\"}]}"))
                .as("a service the services plugin never reported").isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.code().awsCode()).isEqualTo("ResourceNotFoundException"));
        context.services().report(service, "default", "EC2", "ACTIVE");

        context.handle(new TagResourceAction(context), "{\"resourceArn\":\"" + service
                + "\",\"tags\":[{\"key\":\"team\",\"value\":\"a\"},{\"key\":\"env\",\"value\":\"dev\"}]}");
        context.handle(new UntagResourceAction(context), "{\"resourceArn\":\"" + service + "\",\"tagKeys\":[\"env\"]}");
        JsonNode listed = context.call(new ListTagsForResourceAction(context), "{\"resourceArn\":\"" + service + "\"}");
        assertThat(listed.get("tags").toString()).isEqualTo("[{\"key\":\"team\",\"value\":\"a\"}]");
        assertThat(context.tags().tags(service)).extracting(tag -> tag.key()).containsExactly("team");

        assertThatThrownBy(() -> context.handle(new ListTagsForResourceAction(context), "{\"resourceArn\":\""
                + unknown + "\"}")).isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.code().awsCode()).isEqualTo("ClientException"))
                .hasMessage("The specified service does not exist.");
    }
}
