package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderField;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Terraform (the hashicorp/aws provider from the local mirror) manages an Auto Scaling group capacity provider,
 * an account setting default and a tag on the container instance: apply, a plan with no changes, a changed
 * scaling target applied, a clean plan again, destroy. Every call is answered locally.
 */
class CapacityProviderTerraformIT extends RuntimeTestBase {
    private static final String ASG =
            "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:5e6f:autoScalingGroupName/cplane-tf";

    @Test
    void appliesProviderSettingDefaultAndTagThenPlansCleanAndDestroys() throws Exception {
        String instance = runtime.ecs().listContainerInstances(r -> r.cluster("default")).containerInstanceArns()
                .get(0);
        Terraform terraform = Terraform.in(state.resolve("terraform"), runtime.endpoint());
        terraform.write(configuration(80, instance));
        terraform.run("init", "-input=false");

        terraform.run("apply", "-input=false", "-auto-approve");
        assertThat(terraform.plan()).as("plan right after apply").isZero();
        CapacityProvider provider = describe();
        assertThat(provider.status().toString()).isEqualTo("ACTIVE");
        assertThat(provider.autoScalingGroupProvider().autoScalingGroupArn()).isEqualTo(ASG);
        assertThat(provider.autoScalingGroupProvider().managedScaling().targetCapacity()).isEqualTo(80);
        assertThat(provider.autoScalingGroupProvider().managedScaling().maximumScalingStepSize()).isEqualTo(5);
        assertThat(provider.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(setting().value()).isEqualTo("enabled");
        assertThat(runtime.ecs().listTagsForResource(r -> r.resourceArn(instance)).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("stage=test");

        terraform.write(configuration(60, instance));
        assertThat(terraform.plan()).as("plan after changing the target capacity").isEqualTo(2);
        terraform.run("apply", "-input=false", "-auto-approve");
        assertThat(terraform.plan()).as("plan right after the second apply").isZero();
        assertThat(describe().autoScalingGroupProvider().managedScaling().targetCapacity()).isEqualTo(60);

        terraform.run("destroy", "-input=false", "-auto-approve");
        assertThat(describe().status().toString()).isEqualTo("INACTIVE");
        assertThat(setting().value()).isEqualTo("disabled");
        assertThat(runtime.ecs().listTagsForResource(r -> r.resourceArn(instance)).tags()).isEmpty();
    }

    private CapacityProvider describe() {
        return runtime.ecs().describeCapacityProviders(r -> r.capacityProviders("cplane-tf")
                .include(CapacityProviderField.TAGS)).capacityProviders().get(0);
    }

    private Setting setting() {
        return runtime.ecs().listAccountSettings(r -> r.name("containerInsights").effectiveSettings(true))
                .settings().get(0);
    }

    private static String configuration(int targetCapacity, String instance) {
        return """
                resource "aws_ecs_capacity_provider" "asg" {
                  name = "cplane-tf"
                  auto_scaling_group_provider {
                    auto_scaling_group_arn         = "%s"
                    managed_termination_protection = "DISABLED"
                    managed_scaling {
                      status                    = "ENABLED"
                      target_capacity           = %d
                      minimum_scaling_step_size = 1
                      maximum_scaling_step_size = 5
                      instance_warmup_period    = 120
                    }
                  }
                  tags = {
                    team = "cplane"
                  }
                }

                resource "aws_ecs_account_setting_default" "insights" {
                  name  = "containerInsights"
                  value = "enabled"
                }

                resource "aws_ecs_tag" "instance" {
                  resource_arn = "%s"
                  key          = "stage"
                  value        = "test"
                }
                """.formatted(ASG, targetCapacity, instance);
    }
}
