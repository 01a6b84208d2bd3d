package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Clusters (with the implicit default) and tagging, driven by the AWS SDK for Java v2. */
class ClustersIT extends RuntimeTestBase {
    private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:cluster/";
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
        assertThat(runtime.ecs().describeClusters(r -> r.clusters("payments")).clusters().get(0).tags())
                .as("tags only with include TAGS").isEmpty();

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
}
