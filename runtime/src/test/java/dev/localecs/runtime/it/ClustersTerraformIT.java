package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Terraform (the hashicorp/aws provider from a local filesystem mirror) manages a cluster with settings,
 * execute-command configuration, Service Connect defaults, tags and capacity providers: apply, a plan that
 * shows no changes, a changed setting applied, a clean plan again, destroy. Every ECS call the provider makes
 * is answered locally (no upstream is configured); nothing leaves 127.0.0.1.
 */
class ClustersTerraformIT extends RuntimeTestBase {
    private static final String NAMESPACE =
            "arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-clustersterraform";

    @Test
    void appliesClusterAndCapacityProvidersThenPlansCleanAcrossASettingChangeAndDestroys() throws Exception {
        Terraform terraform = Terraform.in(state.resolve("terraform"), runtime.endpoint());
        terraform.write(configuration("enabled"));
        terraform.run("init", "-input=false");

        terraform.run("apply", "-input=false", "-auto-approve");
        assertThat(terraform.plan()).as("plan right after apply").isZero();
        Cluster applied = describe();
        assertThat(applied.settings()).extracting(ClusterSetting::value).containsExactly("enabled");
        assertThat(applied.configuration().executeCommandConfiguration().logConfiguration().cloudWatchLogGroupName())
                .isEqualTo("clusters-exec");
        assertThat(applied.serviceConnectDefaults().namespace()).isEqualTo(NAMESPACE);
        assertThat(applied.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(applied.capacityProviders()).containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT");
        assertThat(applied.defaultCapacityProviderStrategy()).extracting(s -> s.capacityProvider() + ":" + s.base()
                + ":" + s.weight()).containsExactlyInAnyOrder("FARGATE:1:1", "FARGATE_SPOT:0:4");

        terraform.write(configuration("disabled"));
        assertThat(terraform.plan()).as("plan after changing containerInsights").isEqualTo(2);
        terraform.run("apply", "-input=false", "-auto-approve");
        assertThat(terraform.plan()).as("plan right after the second apply").isZero();
        assertThat(describe().settings()).extracting(ClusterSetting::value).containsExactly("disabled");

        terraform.run("destroy", "-input=false", "-auto-approve");
        assertThat(runtime.ecs().describeClusters(r -> r.clusters("clusters-tf")).clusters())
                .extracting(Cluster::status).containsExactly("INACTIVE");
    }

    private Cluster describe() {
        return runtime.ecs().describeClusters(r -> r.clusters("clusters-tf").include(ClusterField.SETTINGS,
                ClusterField.CONFIGURATIONS, ClusterField.TAGS)).clusters().get(0);
    }

    private static String configuration(String containerInsights) {
        return """
                resource "aws_ecs_cluster" "main" {
                  name = "clusters-tf"
                  setting {
                    name  = "containerInsights"
                    value = "%s"
                  }
                  configuration {
                    execute_command_configuration {
                      logging = "OVERRIDE"
                      log_configuration {
                        cloud_watch_log_group_name = "clusters-exec"
                      }
                    }
                  }
                  service_connect_defaults {
                    namespace = "%s"
                  }
                  tags = {
                    team = "platform"
                  }
                }

                resource "aws_ecs_cluster_capacity_providers" "main" {
                  cluster_name       = aws_ecs_cluster.main.name
                  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
                  default_capacity_provider_strategy {
                    capacity_provider = "FARGATE"
                    base              = 1
                    weight            = 1
                  }
                  default_capacity_provider_strategy {
                    capacity_provider = "FARGATE_SPOT"
                    weight            = 4
                  }
                }
                """.formatted(containerInsights, NAMESPACE);
    }
}
