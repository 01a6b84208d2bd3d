package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity providers, account settings, task scale-in protection and the agent operations, driven by the AWS
 * CLI against the real runtime, with real tasks where a task is needed.
 */
class AccountControlPlaneIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "arn:aws:iam::000000000000:root";
    private static final String ASG =
            "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:0a1b:autoScalingGroupName/cplane-asg";
    @TempDir
    Path state;
    private RuntimeFixture runtime;
    private AwsCli aws;
    private final List<String[]> started = new ArrayList<>();

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void start() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
        aws = new AwsCli(runtime.endpoint());
        aws.ecs("register-task-definition", "--family", "cplane-sleep", "--container-definitions",
                "[{\"name\":\"a\",\"image\":\"" + TestImages.BUSYBOX + "\",\"memory\":16,"
                        + "\"command\":[\"sleep\",\"600\"]}]");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            for (String[] task : started) {
                runtime.ecs().stopTask(r -> r.cluster(task[0]).task(task[1]));
            }
            for (String[] task : started) {
                runtime.awaitStatus(task[0], task[1], "STOPPED", Duration.ofSeconds(60));
            }
        } finally {
            runtime.close();
        }
    }

    /** The wire answer, for members the CLI's bundled model does not know yet. */
    private JsonNode wire(String operation, String body) throws Exception {
        var response = runtime.post(operation, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode run(String cluster, String... args) {
        List<String> all = new ArrayList<>(List.of("run-task", "--cluster", cluster, "--task-definition",
                "cplane-sleep"));
        all.addAll(List.of(args));
        JsonNode response = aws.ecs(all.toArray(String[]::new));
        response.get("tasks").forEach(t -> started.add(new String[] {cluster, t.get("taskArn").asText()}));
        return response;
    }

    @Test
    void capacityProvidersDecideLaunchesAndCannotBeRemovedWhileInUse() throws Exception {
        JsonNode created = aws.ecs("create-capacity-provider", "--name", "cplane-cp",
                "--auto-scaling-group-provider", "autoScalingGroupArn=" + ASG
                        + ",managedScaling={status=ENABLED,targetCapacity=90}", "--tags", "key=team,value=ops");
        String arn = created.at("/capacityProvider/capacityProviderArn").asText();
        assertThat(arn).isEqualTo("arn:aws:ecs:us-east-1:000000000000:capacity-provider/cplane-cp");
        assertThat(created.at("/capacityProvider/status").asText()).isEqualTo("ACTIVE");
        assertThat(wire("DescribeCapacityProviders", "{\"capacityProviders\":[\"cplane-cp\"]}")
                .at("/capacityProviders/0/type").asText()).as("a member the CLI's model predates")
                .isEqualTo("EC2_AUTOSCALING");
        assertThat(wire("DescribeCapacityProviders", "{\"capacityProviders\":[\"cplane-cp\"]}")
                .at("/capacityProviders/0/autoScalingGroupProvider/managedDraining").asText()).isEqualTo("ENABLED");
        assertThat(created.at("/capacityProvider/autoScalingGroupProvider/managedScaling/maximumScalingStepSize")
                .asInt()).isEqualTo(10000);
        assertThat(created.at("/capacityProvider/autoScalingGroupProvider/managedTerminationProtection").asText())
                .isEqualTo("DISABLED");
        assertThat(aws.ecsResult("create-capacity-provider", "--name", "cplane-cp2", "--auto-scaling-group-provider",
                "autoScalingGroupArn=" + ASG).error()).contains("ClientException")
                .contains("The specified Auto Scaling group ARN is already being used by another capacity provider.");

        JsonNode updated = aws.ecs("update-capacity-provider", "--name", "cplane-cp", "--auto-scaling-group-provider",
                "managedScaling={targetCapacity=75},managedTerminationProtection=DISABLED");
        assertThat(updated.at("/capacityProvider/updateStatus").asText()).isEqualTo("UPDATE_COMPLETE");
        assertThat(updated.at("/capacityProvider/autoScalingGroupProvider/managedScaling/targetCapacity").asInt())
                .isEqualTo(75);
        assertThat(updated.at("/capacityProvider/autoScalingGroupProvider/managedScaling/status").asText())
                .isEqualTo("ENABLED");

        JsonNode all = aws.ecs("describe-capacity-providers", "--include", "TAGS");
        List<String> names = new ArrayList<>();
        all.get("capacityProviders").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).containsExactly("FARGATE", "FARGATE_SPOT", "cplane-cp");
        assertThat(aws.ecs("describe-capacity-providers", "--capacity-providers", arn, "--include", "TAGS")
                .at("/capacityProviders/0/tags/0/key").asText()).isEqualTo("team");

        aws.ecs("create-cluster", "--cluster-name", "cplane-cp-cluster", "--capacity-providers", "cplane-cp",
                "--default-capacity-provider-strategy", "capacityProvider=cplane-cp,weight=1");
        JsonNode task = run("cplane-cp-cluster");
        assertThat(task.at("/tasks/0/launchType").asText()).as("the default strategy decides").isEqualTo("EC2");
        assertThat(task.at("/tasks/0/capacityProviderName").asText()).isEqualTo("cplane-cp");
        assertThat(aws.ecs("describe-container-instances", "--cluster", "cplane-cp-cluster",
                "--container-instances", task.at("/tasks/0/containerInstanceArn").asText())
                .at("/containerInstances/0/capacityProviderName").asText()).isEqualTo("cplane-cp");
        assertThat(run("cplane-cp-cluster", "--launch-type", "EC2").at("/tasks/0/capacityProviderName").isMissingNode())
                .as("an explicit launch type uses no provider").isTrue();

        JsonNode refused = aws.ecs("delete-capacity-provider", "--capacity-provider", "cplane-cp");
        assertThat(refused.at("/capacityProvider/status").asText()).isEqualTo("ACTIVE");
        assertThat(refused.at("/capacityProvider/updateStatus").asText()).isEqualTo("DELETE_FAILED");
        assertThat(refused.at("/capacityProvider/updateStatusReason").asText()).isEqualTo("The capacity provider "
                + "cannot be deleted because it is associated with cluster: cplane-cp-cluster. Remove the capacity "
                + "provider from the cluster and try again.");
        AwsCli.Result inUse = aws.ecsResult("put-cluster-capacity-providers", "--cluster", "cplane-cp-cluster",
                "--capacity-providers", "[]", "--default-capacity-provider-strategy", "[]");
        assertThat(inUse.error()).contains("ResourceInUseException")
                .contains("The specified capacity provider is in use and cannot be removed.");

        String taskArn = task.at("/tasks/0/taskArn").asText();
        runtime.ecs().stopTask(r -> r.cluster("cplane-cp-cluster").task(taskArn));
        runtime.awaitStatus("cplane-cp-cluster", taskArn, "STOPPED", Duration.ofSeconds(60));
        aws.ecs("put-cluster-capacity-providers", "--cluster", "cplane-cp-cluster", "--capacity-providers", "[]",
                "--default-capacity-provider-strategy", "[]");
        JsonNode deleted = aws.ecs("delete-capacity-provider", "--capacity-provider", arn);
        assertThat(deleted.at("/capacityProvider/status").asText()).isEqualTo("INACTIVE");
        assertThat(aws.ecs("describe-capacity-providers").get("capacityProviders")).hasSize(2);
        assertThat(aws.ecs("describe-capacity-providers", "--capacity-providers", "cplane-cp")
                .at("/capacityProviders/0/status").asText()).isEqualTo("INACTIVE");
        assertThat(aws.ecsResult("delete-capacity-provider", "--capacity-provider", "cplane-cp").error())
                .contains("The specified capacity provider does not exist.");
    }

    @Test
    void accountSettingsAnswerEffectiveValuesPerPrincipalAndNewClustersFollowContainerInsights() throws Exception {
        JsonNode effective = aws.ecs("list-account-settings", "--effective-settings");
        assertThat(effective.get("settings")).hasSize(11);
        assertThat(effective.get("settings")).allSatisfy(s ->
                assertThat(s.get("principalArn").asText()).isEqualTo(ROOT));
        assertThat(wire("ListAccountSettings", "{\"effectiveSettings\":true,\"name\":\"awsvpcTrunking\"}")
                .at("/settings/0/type").asText()).as("a member the CLI's model predates").isEqualTo("aws_managed");
        assertThat(aws.ecs("list-account-settings").get("settings")).as("nothing set yet").isEmpty();

        JsonNode put = aws.ecs("put-account-setting-default", "--name", "containerInsights", "--value", "enabled");
        assertThat(put.at("/setting/principalArn").asText()).isEqualTo(ROOT);
        assertThat(aws.ecs("list-account-settings", "--name", "containerInsights").at("/settings/0/value").asText())
                .isEqualTo("enabled");
        assertThat(aws.ecs("create-cluster", "--cluster-name", "cplane-insights")
                .at("/cluster/settings/0/value").asText()).isEqualTo("enabled");

        String role = "arn:aws:iam::000000000000:role/cplane";
        aws.ecs("put-account-setting", "--name", "awsvpcTrunking", "--value", "enabled", "--principal-arn", role);
        JsonNode forRole = aws.ecs("list-account-settings", "--principal-arn", role, "--effective-settings",
                "--name", "awsvpcTrunking");
        assertThat(forRole.at("/settings/0/value").asText()).isEqualTo("enabled");
        assertThat(forRole.at("/settings/0/principalArn").asText()).isEqualTo(role);
        assertThat(aws.ecs("list-account-settings", "--principal-arn", role, "--effective-settings", "--name",
                "containerInsights").at("/settings/0/value").asText()).as("the account default").isEqualTo("enabled");
        JsonNode removed = aws.ecs("delete-account-setting", "--name", "awsvpcTrunking", "--principal-arn", role);
        assertThat(removed.at("/setting/value").asText()).isEqualTo("enabled");
        assertThat(aws.ecs("list-account-settings", "--principal-arn", role, "--effective-settings", "--name",
                "awsvpcTrunking").at("/settings/0/value").asText()).isEqualTo("disabled");
        assertThat(aws.ecs("list-account-settings", "--effective-settings", "--max-items", "4")
                .get("settings")).as("the CLI pages through nextToken").hasSize(4);
    }

    @Test
    void taskProtectionAndTheAgentOperations() throws Exception {
        String taskArn = run("default").at("/tasks/0/taskArn").asText();
        runtime.awaitStatus("default", taskArn, "RUNNING", Duration.ofSeconds(60));

        JsonNode on = aws.ecs("update-task-protection", "--cluster", "default", "--tasks", taskArn,
                "--protection-enabled");
        assertThat(on.at("/protectedTasks/0/protectionEnabled").asBoolean()).isTrue();
        Instant expires = Instant.parse(on.at("/protectedTasks/0/expirationDate").asText().replace("+00:00", "Z"));
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(118),
                Duration.ofMinutes(121));
        JsonNode shortly = aws.ecs("update-task-protection", "--cluster", "default", "--tasks", taskArn,
                "--protection-enabled", "--expires-in-minutes", "5");
        assertThat(Duration.between(Instant.now(), Instant.parse(shortly.at("/protectedTasks/0/expirationDate")
                .asText().replace("+00:00", "Z")))).isLessThanOrEqualTo(Duration.ofMinutes(5));
        JsonNode got = aws.ecs("get-task-protection", "--cluster", "default", "--tasks", taskArn,
                "0123456789abcdef0123456789abcdef");
        assertThat(got.at("/protectedTasks/0/protectionEnabled").asBoolean()).isTrue();
        assertThat(got.at("/failures/0/reason").asText()).isEqualTo("MISSING");
        assertThat(aws.ecs("get-task-protection", "--cluster", "default").get("protectedTasks")).hasSize(1);
        JsonNode off = aws.ecs("update-task-protection", "--cluster", "default", "--tasks", taskArn,
                "--no-protection-enabled");
        assertThat(off.at("/protectedTasks/0/protectionEnabled").asBoolean()).isFalse();
        assertThat(off.at("/protectedTasks/0/expirationDate").isMissingNode()).isTrue();

        assertThat(aws.ecs("submit-task-state-change", "--task", taskArn, "--status", "RUNNING")
                .get("acknowledgment").asText()).isEqualTo("ACK");
        assertThat(aws.ecs("submit-container-state-change", "--task", taskArn, "--container-name", "a",
                "--status", "RUNNING").get("acknowledgment").asText()).isEqualTo("ACK");
        assertThat(aws.ecsResult("submit-container-state-change", "--task", taskArn, "--container-name", "b")
                .error()).contains("The referenced container was not found in the task.");
        assertThat(aws.ecs("submit-attachment-state-changes", "--attachments",
                "attachmentArn=arn:aws:ecs:us-east-1:000000000000:attachment/a1,status=ATTACHED")
                .get("acknowledgment").asText()).isEqualTo("ACK");
        assertThat(runtime.ecs().describeTasks(r -> r.tasks(taskArn)).tasks().get(0).lastStatus())
                .as("a report changes nothing the engine did not").isEqualTo("RUNNING");
    }
}
