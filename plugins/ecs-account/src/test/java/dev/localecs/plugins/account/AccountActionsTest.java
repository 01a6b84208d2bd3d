package dev.localecs.plugins.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Cluster;
import dev.localecs.testing.FakePluginContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Capacity providers, account settings and task protection against the in-memory plugin context. */
class AccountActionsTest {
    private static final String ROOT = "arn:aws:iam::000000000000:root";
    private final FakePluginContext context = new FakePluginContext();

    private JsonNode create(String name, String asg) {
        return context.call(new CreateCapacityProviderAction(context), "{\"name\":\"" + name + "\","
                + "\"autoScalingGroupProvider\":{\"autoScalingGroupArn\":\"" + asg + "\"}}");
    }

    @Test
    void aCreatedProviderGetsEcsDefaultsAndIsOneOfItsGroup() {
        JsonNode provider = create("web", "asg-1").get("capacityProvider");

        assertThat(provider.get("capacityProviderArn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:capacity-provider/web");
        assertThat(provider.at("/autoScalingGroupProvider/managedScaling").toString())
                .isEqualTo("{\"status\":\"DISABLED\",\"targetCapacity\":100,\"minimumScalingStepSize\":1,"
                        + "\"maximumScalingStepSize\":10000,\"instanceWarmupPeriod\":300}");
        assertThat(provider.at("/autoScalingGroupProvider/managedTerminationProtection").asText())
                .isEqualTo("DISABLED");
        assertThat(provider.at("/autoScalingGroupProvider/managedDraining").asText()).isEqualTo("ENABLED");
        assertThatThrownBy(() -> create("web", "asg-2")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> create("api", "asg-1")).hasMessageContaining("already being used");
        assertThatThrownBy(() -> create("ECSy", "asg-3")).hasMessageContaining("cannot be prefixed");
    }

    @Test
    void deletingAProviderAClusterStillHasFailsAsEcsAnswersIt() {
        create("web", "asg-1");
        Cluster cluster = context.clusters().find("default").orElseThrow();
        context.clusters().put(new Cluster(cluster.clusterArn(), cluster.clusterName(), null, "ACTIVE", 0, 0, 0, 0,
                null, null, List.of(), List.of("web"), List.of(), List.of(), null, null));

        JsonNode refused = context.call(new DeleteCapacityProviderAction(context), "{\"capacityProvider\":\"web\"}");
        assertThat(refused.at("/capacityProvider/status").asText()).isEqualTo("ACTIVE");
        assertThat(refused.at("/capacityProvider/updateStatus").asText()).isEqualTo("DELETE_FAILED");
        assertThat(refused.at("/capacityProvider/updateStatusReason").asText()).contains("cluster: default.");

        context.clusters().put(new Cluster(cluster.clusterArn(), cluster.clusterName(), null, "ACTIVE", 0, 0, 0, 0,
                null, null, List.of(), List.of(), List.of(), List.of(), null, null));
        JsonNode deleted = context.call(new DeleteCapacityProviderAction(context),
                "{\"capacityProvider\":\"arn:aws:ecs:us-east-1:000000000000:capacity-provider/web\"}");
        assertThat(deleted.at("/capacityProvider/status").asText()).isEqualTo("INACTIVE");
        assertThat(context.call(new DescribeCapacityProvidersAction(context), "{}").get("capacityProviders"))
                .extracting(p -> p.get("name").asText()).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(create("web", "asg-1").at("/capacityProvider/status").asText())
                .as("the name and the group are free again").isEqualTo("ACTIVE");
    }

    @Test
    void effectiveSettingsFallFromThePrincipalToTheAccountDefaultToAws() {
        String role = "arn:aws:iam::000000000000:role/app";
        context.call(new PutAccountSettingDefaultAction(context), "{\"name\":\"containerInsights\",\"value\":\"enhanced\"}");
        context.call(new PutAccountSettingAction(context), "{\"name\":\"containerInsights\",\"value\":\"disabled\","
                + "\"principalArn\":\"" + role + "\"}");

        assertThat(effective(role, "containerInsights")).isEqualTo(Map.of("value", "disabled", "type", "user"));
        assertThat(effective("arn:aws:iam::000000000000:user/bob", "containerInsights"))
                .isEqualTo(Map.of("value", "enhanced", "type", "user"));
        assertThat(effective(role, "awsvpcTrunking")).isEqualTo(Map.of("value", "disabled", "type", "aws_managed"));
        assertThat(context.call(new ListAccountSettingsAction(context), "{}").get("settings"))
                .extracting(s -> s.get("principalArn").asText() + " " + s.get("name").asText())
                .containsExactly(ROOT + " containerInsights");
        JsonNode all = context.call(new ListAccountSettingsAction(context), "{\"effectiveSettings\":true}");
        assertThat(all.get("settings")).hasSize(10);
        assertThat(all.get("nextToken")).as("11 settings, 10 a page").isNotNull();

        context.call(new DeleteAccountSettingAction(context), "{\"name\":\"containerInsights\",\"principalArn\":\""
                + role + "\"}");
        assertThat(effective(role, "containerInsights")).isEqualTo(Map.of("value", "enhanced", "type", "user"));
    }

    private Map<String, String> effective(String principal, String name) {
        JsonNode setting = context.call(new ListAccountSettingsAction(context), "{\"effectiveSettings\":true,"
                + "\"name\":\"" + name + "\",\"principalArn\":\"" + principal + "\"}").at("/settings/0");
        assertThat(setting.get("principalArn").asText()).isEqualTo(principal);
        return Map.of("value", setting.get("value").asText(), "type", setting.get("type").asText());
    }

    @Test
    void protectionLastsItsMinutesAndSchedulersSeeIt() {
        context.clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        context.tasks().add(Map.of("clusterArn", context.arns().cluster("default"), "launchType", "EC2",
                "lastStatus", "RUNNING", "desiredStatus", "RUNNING", "taskArn",
                context.arns().task("default", "0123456789abcdef0123456789abcdef")));
        String arn = context.arns().task("default", "0123456789abcdef0123456789abcdef");

        JsonNode on = context.call(new UpdateTaskProtectionAction(context), "{\"cluster\":\"default\",\"tasks\":"
                + "[\"0123456789abcdef0123456789abcdef\"],\"protectionEnabled\":true}");
        assertThat(on.at("/protectedTasks/0/expirationDate").asDouble())
                .isEqualTo(Instant.parse("2026-01-01T02:00:00Z").getEpochSecond());
        assertThat(context.taskProtections().isProtected(arn)).isTrue();

        context.clock(Clock.fixed(Instant.parse("2026-01-01T02:00:01Z"), ZoneOffset.UTC));
        assertThat(context.taskProtections().isProtected(arn)).as("expired").isFalse();
        assertThatThrownBy(() -> context.call(new UpdateTaskProtectionAction(context), "{\"cluster\":\"default\","
                + "\"tasks\":[\"a\"],\"protectionEnabled\":true,\"expiresInMinutes\":0}"))
                .isInstanceOf(EcsException.class).hasMessage("expiresInMinutes must be between 1 and 2880.");
    }
}
