package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's life through boto3 ({@link Boto3}) on the real Docker engine: listed, updated (settings,
 * UpdateClusterSettings), a tag removed; a task with ECS Exec running in docker, an ExecuteCommand session
 * answered for it, the cluster refused deletion while it runs, the task stopped (its container gone); its task
 * definition deregistered and deleted; the cluster deleted.
 */
class ClustersBoto3IT {
    private static final String FAMILY = "boto3-cluster-sleeper";
    private static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/boto3-cluster";
    @TempDir
    Path state;
    private RuntimeFixture runtime;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void start() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
    }

    @AfterEach
    void stop() throws Exception {
        runtime.close();
        Docker.removeByLabel("com.amazonaws.ecs.task-definition-family=" + FAMILY);
    }

    @Test
    void boto3UpdatesAClusterRunsExecsAndStopsATaskAndDeletesBoth() {
        String script = """
                import subprocess
                from botocore.exceptions import ClientError
                family, image = sys.argv[2], sys.argv[3]
                out = {}

                def code(call):
                    try:
                        call()
                        return "answered"
                    except ClientError as refused:
                        return refused.response["Error"]["Code"] + ": " + refused.response["Error"]["Message"]

                def containers(task):
                    return subprocess.run(["docker", "ps", "-q", "--filter", "label=com.amazonaws.ecs.task-arn=" + task],
                                          capture_output=True, text=True, check=True, timeout=30).stdout.split()

                ecs.create_cluster(clusterName="boto3-cluster", tags=[{"key": "team", "value": "a"},
                                                                      {"key": "env", "value": "dev"}])
                out["clusters"] = sorted(ecs.list_clusters()["clusterArns"])
                updated = ecs.update_cluster(cluster="boto3-cluster",
                                             settings=[{"name": "containerInsights", "value": "enabled"}])["cluster"]
                out["updated"] = updated["settings"]
                out["settings"] = ecs.update_cluster_settings(cluster="boto3-cluster", settings=[
                    {"name": "containerInsights", "value": "disabled"}])["cluster"]["settings"]
                ecs.untag_resource(resourceArn=updated["clusterArn"], tagKeys=["team"])
                out["tags"] = ecs.list_tags_for_resource(resourceArn=updated["clusterArn"])["tags"]

                definition = ecs.register_task_definition(family=family, containerDefinitions=[
                    {"name": "app", "image": image, "memory": 32, "stopTimeout": 1, "command": ["sleep", "300"]}
                ])["taskDefinition"]["taskDefinitionArn"]
                task = ecs.run_task(cluster="boto3-cluster", taskDefinition=family,
                                    enableExecuteCommand=True)["tasks"][0]["taskArn"]
                ecs.get_waiter("tasks_running").wait(cluster="boto3-cluster", tasks=[task],
                                                     WaiterConfig={"Delay": 1, "MaxAttempts": 60})
                out["containers"] = containers(task)
                session = ecs.execute_command(cluster="boto3-cluster", task=task, container="app",
                                              command="/bin/sh", interactive=True)
                out["execTask"], out["execContainer"] = session["taskArn"] == task, session["containerName"]
                out["streamUrl"] = session["session"]["streamUrl"]
                out["sessionId"] = session["session"]["sessionId"]
                out["hasToken"] = len(session["session"]["tokenValue"]) > 0
                out["deleteWhileRunning"] = code(lambda: ecs.delete_cluster(cluster="boto3-cluster"))

                stopped = ecs.stop_task(cluster="boto3-cluster", task=task, reason="boto3 stops it")["task"]
                out["desired"] = stopped["desiredStatus"]
                ecs.get_waiter("tasks_stopped").wait(cluster="boto3-cluster", tasks=[task],
                                                     WaiterConfig={"Delay": 1, "MaxAttempts": 60})
                final = ecs.describe_tasks(cluster="boto3-cluster", tasks=[task])["tasks"][0]
                out["stoppedReason"], out["stopCode"] = final["stoppedReason"], final["stopCode"]
                out["containersAfter"] = containers(task)

                ecs.deregister_task_definition(taskDefinition=definition)
                deleted = ecs.delete_task_definitions(taskDefinitions=[definition, family + ":9"])
                out["deletedDefinition"] = deleted["taskDefinitions"][0]["status"]
                out["deleteFailure"] = deleted["failures"][0]["reason"]
                out["deletedCluster"] = ecs.delete_cluster(cluster="boto3-cluster")["cluster"]["status"]
                out["clustersAfter"] = ecs.list_clusters()["clusterArns"]
                print(json.dumps(out))
                """;
        JsonNode out = Boto3.run(runtime.endpoint(), script, FAMILY, TestImages.BUSYBOX);
        assertThat(out.get("clusters")).extracting(JsonNode::asText)
                .containsExactly(CLUSTER, "arn:aws:ecs:us-east-1:000000000000:cluster/default");
        assertThat(out.get("updated").toString()).isEqualTo("[{\"name\":\"containerInsights\",\"value\":\"enabled\"}]");
        assertThat(out.get("settings").toString()).isEqualTo("[{\"name\":\"containerInsights\",\"value\":\"disabled\"}]");
        assertThat(out.get("tags").toString()).isEqualTo("[{\"key\":\"env\",\"value\":\"dev\"}]");

        assertThat(out.get("containers")).as("docker runs the task's container").hasSize(1);
        assertThat(out.get("execTask").asBoolean()).isTrue();
        assertThat(out.get("execContainer").asText()).isEqualTo("app");
        assertThat(out.get("streamUrl").asText()).isEqualTo(runtime.endpoint().toString().replace("http://", "ws://")
                + "/v1/data-channel/" + out.get("sessionId").asText() + "?role=publish_subscribe");
        assertThat(out.get("hasToken").asBoolean()).isTrue();
        assertThat(out.get("deleteWhileRunning").asText()).isEqualTo(
                "ClusterContainsTasksException: The Cluster cannot be deleted while Tasks are active.");

        assertThat(out.get("desired").asText()).isEqualTo("STOPPED");
        assertThat(out.get("stoppedReason").asText()).isEqualTo("boto3 stops it");
        assertThat(out.get("stopCode").asText()).isEqualTo("UserInitiated");
        assertThat(out.get("containersAfter")).as("the container is gone").isEmpty();

        assertThat(out.get("deletedDefinition").asText()).isEqualTo("DELETE_IN_PROGRESS");
        assertThat(out.get("deleteFailure").asText()).isEqualTo("The specified task definition does not exist. "
                + "Specify a valid account, family, revision and try again.");
        assertThat(out.get("deletedCluster").asText()).isEqualTo("INACTIVE");
        assertThat(out.get("clustersAfter")).extracting(JsonNode::asText)
                .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/default");
    }
}
