package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandLogging;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Clusters (with the implicit default) and tagging, driven by the AWS SDK for Java v2. */
class ClustersIT extends RuntimeTestBase {
    private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:cluster/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void defaultClusterExistsWithoutBeingCreated() {
        DescribeClustersResponse response = runtime.ecs().describeClusters(r -> r.clusters("default"));
        assertThat(response.clusters()).singleElement().satisfies(c -> {
            assertThat(c.clusterArn()).isEqualTo(ARN + "default");
            assertThat(c.status()).isEqualTo("ACTIVE");
            assertThat(c.runningTasksCount()).isZero();
        });
        assertThat(runtime.ecs().describeClusters().clusters()).extracting(Cluster::clusterName)
                .as("no cluster named means the default one").containsExactly("default");
        assertThat(runtime.ecs().listClusters().clusterArns()).containsExactly(ARN + "default");
    }

    @Test
    void createsDescribesListsAndDeletesClustersWithMissingFailures() {
        Cluster created = runtime.ecs().createCluster(r -> r.clusterName("payments")
                .tags(Tag.builder().key("team").value("pay").build())).cluster();
        assertThat(created.clusterArn()).isEqualTo(ARN + "payments");
        assertThat(created.status()).isEqualTo("ACTIVE");
        assertThat(created.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(created.settings()).singleElement().satisfies(s -> {
            assertThat(s.nameAsString()).isEqualTo("containerInsights");
            assertThat(s.value()).isEqualTo("disabled");
        });
        assertThat(runtime.ecs().createCluster(r -> r.clusterName("payments")).cluster().clusterArn())
                .as("CreateCluster is idempotent").isEqualTo(created.clusterArn());
        runtime.ecs().createCluster(r -> r.clusterName("batch"));

        DescribeClustersResponse described = runtime.ecs().describeClusters(r -> r
                .clusters("payments", ARN + "batch", "ghost").include(ClusterField.TAGS));
        assertThat(described.clusters()).extracting(Cluster::clusterName).containsExactly("payments", "batch");
        assertThat(described.clusters().get(0).tags()).extracting(Tag::value).containsExactly("pay");
        assertThat(described.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo(ARN + "ghost");
            assertThat(f.reason()).isEqualTo("MISSING");
        });
        assertThat(runtime.ecs().describeClusters(r -> r.clusters("payments")).clusters().get(0).hasTags())
                .as("tags only with include TAGS").isFalse();

        assertThat(runtime.ecs().listClustersPaginator(r -> r.maxResults(1)).clusterArns().stream().toList())
                .containsExactly(ARN + "batch", ARN + "default", ARN + "payments");

        Cluster deleted = runtime.ecs().deleteCluster(r -> r.cluster("batch")).cluster();
        assertThat(deleted.status()).isEqualTo("INACTIVE");
        assertThat(runtime.ecs().listClusters().clusterArns()).containsExactly(ARN + "default", ARN + "payments");
        assertThat(runtime.ecs().describeClusters(r -> r.clusters("batch")).clusters().get(0).status())
                .isEqualTo("INACTIVE");
        assertThatThrownBy(() -> runtime.ecs().deleteCluster(r -> r.cluster("batch")))
                .isInstanceOf(ClusterNotFoundException.class).hasMessageContaining("Cluster not found.");

        runtime.restart();
        assertThat(runtime.ecs().listClusters().clusterArns()).containsExactly(ARN + "default", ARN + "payments");
    }

    @Test
    void tagsClustersAndTaskDefinitions() {
        runtime.ecs().createCluster(r -> r.clusterName("tagged"));
        String definition = runtime.ecs().registerTaskDefinition(r -> r.family("tagged")
                .containerDefinitions(ContainerDefinition.builder().name("a").image("b").memory(32).build()))
                .taskDefinition().taskDefinitionArn();

        for (String arn : new String[] {ARN + "tagged", definition}) {
            runtime.ecs().tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("b").value("2").build()));
            runtime.ecs().tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("a").value("3").build()));
            assertThat(runtime.ecs().listTagsForResource(r -> r.resourceArn(arn)).tags())
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("a=3", "b=2");
            runtime.ecs().untagResource(r -> r.resourceArn(arn).tagKeys("a", "nope"));
            assertThat(runtime.ecs().listTagsForResource(r -> r.resourceArn(arn)).tags())
                    .extracting(Tag::key).containsExactly("b");
        }

        runtime.restart();
        assertThat(runtime.ecs().listTagsForResource(r -> r.resourceArn(definition)).tags())
                .extracting(Tag::key).containsExactly("b");
    }

    @Test
    void refusesMoreThanFiftyTagsCountingTheExistingOnes() {
        runtime.ecs().createCluster(r -> r.clusterName("many"));
        Tag[] fifty = new Tag[50];
        for (int i = 0; i < 50; i++) {
            fifty[i] = Tag.builder().key("k" + i).value("v").build();
        }
        runtime.ecs().tagResource(r -> r.resourceArn(ARN + "many").tags(fifty));
        assertThatThrownBy(() -> runtime.ecs().tagResource(r -> r.resourceArn(ARN + "many")
                .tags(Tag.builder().key("one-more").value("v").build())))
                .hasMessageContaining("at most 50 tags");
        assertThat(runtime.ecs().listTagsForResource(r -> r.resourceArn(ARN + "many")).tags()).hasSize(50);
    }

    @Test
    void describeLeavesIncludeOnlyMembersOutUnlessIncluded() throws Exception {
        runtime.ecs().createCluster(r -> r.clusterName("quiet").tags(Tag.builder().key("team").value("q").build())
                .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build())
                .configuration(c -> c.executeCommandConfiguration(e -> e.logging(ExecuteCommandLogging.DEFAULT))));

        JsonNode bare = JSON.readTree(runtime.post("DescribeClusters", "{\"clusters\":[\"quiet\"]}").body())
                .at("/clusters/0");
        for (String member : List.of("tags", "settings", "statistics", "configuration", "attachments")) {
            assertThat(bare.has(member)).as(member + " without include: " + bare).isFalse();
        }
        assertThat(bare.get("capacityProviders").isArray()).as("not include-only").isTrue();
        assertThat(bare.get("runningTasksCount").asInt()).isZero();

        Cluster full = runtime.ecs().describeClusters(r -> r.clusters("quiet").include(ClusterField.TAGS,
                ClusterField.SETTINGS, ClusterField.CONFIGURATIONS, ClusterField.STATISTICS, ClusterField.ATTACHMENTS))
                .clusters().get(0);
        assertThat(full.tags()).extracting(Tag::value).containsExactly("q");
        assertThat(full.settings()).extracting(ClusterSetting::value).containsExactly("enabled");
        assertThat(full.configuration().executeCommandConfiguration().logging()).isEqualTo(ExecuteCommandLogging.DEFAULT);
        assertThat(full.hasAttachments()).isTrue();
        assertThat(full.statistics()).extracting(KeyValuePair::name).startsWith("runningEC2TasksCount",
                "runningFargateTasksCount", "pendingEC2TasksCount", "pendingFargateTasksCount").contains(
                "activeEC2ServiceCount", "activeFargateServiceCount", "drainingEC2ServiceCount",
                "drainingFargateServiceCount");
        assertThat(full.statistics()).extracting(KeyValuePair::value).containsOnly("0");
    }

    @Test
    void createKeepsServiceConnectDefaultsAndUpdatesChangeSettingsConfigurationAndDefaults() {
        String namespace = "arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-0123456789abcdef";
        Cluster created = runtime.ecs().createCluster(r -> r.clusterName("connected")
                .serviceConnectDefaults(d -> d.namespace(namespace))).cluster();
        assertThat(created.serviceConnectDefaults().namespace()).isEqualTo(namespace);

        Cluster updated = runtime.ecs().updateCluster(r -> r.cluster("connected")
                .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enhanced").build())
                .configuration(c -> c.executeCommandConfiguration(e -> e.kmsKeyId("key-1")
                        .logging(ExecuteCommandLogging.OVERRIDE).logConfiguration(l -> l.cloudWatchLogGroupName("exec")))))
                .cluster();
        assertThat(updated.settings()).extracting(ClusterSetting::value).containsExactly("enhanced");
        assertThat(updated.configuration().executeCommandConfiguration().kmsKeyId()).isEqualTo("key-1");
        assertThat(updated.serviceConnectDefaults().namespace()).as("kept when not given").isEqualTo(namespace);

        Cluster settled = runtime.ecs().updateClusterSettings(r -> r.cluster(ARN + "connected")
                .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("disabled")
                        .build())).cluster();
        assertThat(settled.settings()).extracting(ClusterSetting::value).containsExactly("disabled");

        runtime.restart();
        Cluster described = runtime.ecs().describeClusters(r -> r.clusters("connected")
                .include(ClusterField.SETTINGS, ClusterField.CONFIGURATIONS)).clusters().get(0);
        assertThat(described.settings()).extracting(ClusterSetting::value).containsExactly("disabled");
        assertThat(described.configuration().executeCommandConfiguration().logConfiguration()
                .cloudWatchLogGroupName()).isEqualTo("exec");
        assertThat(described.serviceConnectDefaults().namespace()).isEqualTo(namespace);

        Cluster cleared = runtime.ecs().updateCluster(r -> r.cluster("connected")
                .serviceConnectDefaults(d -> d.namespace(""))).cluster();
        assertThat(cleared.serviceConnectDefaults()).as("an empty namespace removes the defaults").isNull();
    }

    @Test
    void putClusterCapacityProvidersStoresProvidersAndDefaultStrategy() {
        runtime.ecs().createCluster(r -> r.clusterName("capacity"));
        Cluster put = runtime.ecs().putClusterCapacityProviders(r -> r.cluster("capacity")
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE").base(1).weight(1),
                        s -> s.capacityProvider("FARGATE_SPOT").weight(4))).cluster();
        assertThat(put.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(put.defaultCapacityProviderStrategy()).extracting(i -> i.capacityProvider() + ":" + i.base() + ":"
                + i.weight()).containsExactly("FARGATE:1:1", "FARGATE_SPOT:0:4");

        runtime.restart();
        Cluster described = runtime.ecs().describeClusters(r -> r.clusters("capacity")).clusters().get(0);
        assertThat(described.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(described.defaultCapacityProviderStrategy()).hasSize(2);

        Cluster emptied = runtime.ecs().putClusterCapacityProviders(r -> r.cluster("capacity")
                .capacityProviders(List.of()).defaultCapacityProviderStrategy(List.of())).cluster();
        assertThat(emptied.capacityProviders()).isEmpty();
        assertThat(emptied.defaultCapacityProviderStrategy()).isEmpty();

        assertThatThrownBy(() -> runtime.ecs().putClusterCapacityProviders(r -> r.cluster("capacity")
                .capacityProviders("my-asg-provider").defaultCapacityProviderStrategy(List.of())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining(
                        "The specified capacity provider was not found. Specify a valid capacity provider and try again.");
    }

    @Test
    void listTagsOfAMissingResourceAnswersAnErrorTheOperationModels() {
        runtime.ecs().createCluster(r -> r.clusterName("short-lived"));
        runtime.ecs().deleteCluster(r -> r.cluster("short-lived"));

        assertThatThrownBy(() -> runtime.ecs().listTagsForResource(r -> r.resourceArn(ARN + "short-lived")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The specified cluster is inactive. Specify an active cluster and try again.");
        assertThatThrownBy(() -> runtime.ecs().listTagsForResource(r -> r.resourceArn(
                "arn:aws:ecs:us-east-1:000000000000:task-definition/none:1")))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("The specified task definition does not exist.");
    }
}
