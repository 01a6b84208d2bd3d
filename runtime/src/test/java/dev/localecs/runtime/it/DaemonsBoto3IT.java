package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every daemon operation through boto3 ({@link Boto3}) on the real Docker engine: a daemon task definition
 * registered, described and listed; a daemon created, its task running in docker, its deployment, revision and
 * listing; an UpdateDaemon rolled to a second revision; the daemon deleted (its container gone) and the first
 * daemon task definition deleted.
 */
class DaemonsBoto3IT {
    private static final String FAMILY = "boto3-daemon-agent";
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

    private static List<String> containers(String taskArn) throws Exception {
        return Docker.run("ps", "-q", "--filter", "label=com.amazonaws.ecs.task-arn=" + taskArn);
    }

    @Test
    void boto3RegistersCreatesRollsAndDeletesADaemon() throws Exception {
        String script = """
                import subprocess
                family, image = sys.argv[2], sys.argv[3]
                provider = "arn:aws:ecs:us-east-1:000000000000:capacity-provider/boto3-local"
                out = {}

                def register(marker):
                    return ecs.register_daemon_task_definition(family=family, containerDefinitions=[{
                        "name": "agent", "image": image, "memory": 32, "stopTimeout": 2,
                        "command": ["sh", "-c", "trap 'exit 0' TERM; echo " + marker + "; while true; do sleep 1; done"]
                    }])["daemonTaskDefinitionArn"]

                def settled(deployment):
                    for _ in range(300):
                        found = ecs.describe_daemon_deployments(daemonDeploymentArns=[deployment])["daemonDeployments"][0]
                        if found["status"] == "SUCCESSFUL":
                            return found
                        time.sleep(0.2)
                    raise AssertionError("deployment not SUCCESSFUL: " + str(found))

                def task_of(revision):
                    arns = ecs.list_tasks(desiredStatus="RUNNING")["taskArns"]
                    tasks = ecs.describe_tasks(tasks=arns)["tasks"] if arns else []
                    return [t["taskArn"] for t in tasks if t["group"] == "daemon:boto3-monitor"
                            and t["taskDefinitionArn"] == revision and t["lastStatus"] == "RUNNING"]

                def containers(task):
                    return subprocess.run(["docker", "ps", "-q", "--filter", "label=com.amazonaws.ecs.task-arn=" + task],
                                          capture_output=True, text=True, check=True, timeout=30).stdout.split()

                first = register("one")
                out["first"] = first
                described = ecs.describe_daemon_task_definition(daemonTaskDefinition=family)["daemonTaskDefinition"]
                out["describedImage"] = described["containerDefinitions"][0]["image"]
                out["describedStatus"] = described["status"]
                second = register("two")
                out["listed"] = [d["arn"] for d in ecs.list_daemon_task_definitions(family=family)["daemonTaskDefinitions"]]

                created = ecs.create_daemon(daemonName="boto3-monitor", daemonTaskDefinitionArn=first,
                                            capacityProviderArns=[provider])
                daemon = created["daemonArn"]
                out["daemon"], out["createdStatus"] = daemon, created["status"]
                deployment = settled(created["deploymentArn"])
                out["firstTarget"] = deployment["targetDaemonRevision"]["totalRunningInstanceCount"]
                detail = ecs.describe_daemon(daemonArn=daemon)["daemon"]
                out["revisionRunning"] = detail["currentRevisions"][0]["totalRunningCount"]
                revision_arn = detail["currentRevisions"][0]["arn"]
                revisions = ecs.describe_daemon_revisions(daemonRevisionArns=[revision_arn, revision_arn + "x"])
                out["revisionDefinition"] = revisions["daemonRevisions"][0]["daemonTaskDefinitionArn"]
                out["revisionFailure"] = revisions["failures"][0]["reason"]
                out["daemons"] = [d["daemonArn"] for d in ecs.list_daemons()["daemonSummariesList"]]
                out["firstTasks"] = task_of(first)
                out["firstContainers"] = containers(out["firstTasks"][0]) if out["firstTasks"] else []

                updated = ecs.update_daemon(daemonArn=daemon, daemonTaskDefinitionArn=second,
                                            capacityProviderArns=[provider])
                rolled = settled(updated["deploymentArn"])
                out["rolledFrom"] = rolled["sourceDaemonRevisions"][0]["arn"] == revision_arn
                out["secondTasks"] = task_of(second)
                out["deployments"] = [d["daemonDeploymentArn"]
                                      for d in ecs.list_daemon_deployments(daemonArn=daemon)["daemonDeployments"]]
                out["deploymentArns"] = [updated["deploymentArn"], created["deploymentArn"]]

                out["deletedStatus"] = ecs.delete_daemon(daemonArn=daemon)["status"]
                for _ in range(300):
                    try:
                        ecs.describe_daemon(daemonArn=daemon)
                        time.sleep(0.2)
                    except ecs.exceptions.DaemonNotFoundException as gone:
                        out["gone"] = gone.response["Error"]["Message"]
                        break
                out["deletedDefinition"] = ecs.delete_daemon_task_definition(daemonTaskDefinition=first)[
                    "daemonTaskDefinitionArn"]
                out["afterDelete"] = ecs.describe_daemon_task_definition(daemonTaskDefinition=first)[
                    "daemonTaskDefinition"]["status"]
                out["active"] = [d["arn"] for d in ecs.list_daemon_task_definitions(family=family)["daemonTaskDefinitions"]]
                print(json.dumps(out))
                """;
        JsonNode out = Boto3.run(runtime.endpoint(), script, FAMILY, TestImages.BUSYBOX);
        String definitions = "arn:aws:ecs:us-east-1:000000000000:daemon-task-definition/" + FAMILY;
        assertThat(out.get("first").asText()).isEqualTo(definitions + ":1");
        assertThat(out.get("describedImage").asText()).isEqualTo(TestImages.BUSYBOX);
        assertThat(out.get("describedStatus").asText()).isEqualTo("ACTIVE");
        assertThat(out.get("listed")).extracting(JsonNode::asText)
                .containsExactly(definitions + ":1", definitions + ":2");

        assertThat(out.get("daemon").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:daemon/default/boto3-monitor");
        assertThat(out.get("createdStatus").asText()).isEqualTo("ACTIVE");
        assertThat(out.get("firstTarget").asInt()).isEqualTo(1);
        assertThat(out.get("revisionRunning").asInt()).isEqualTo(1);
        assertThat(out.get("revisionDefinition").asText()).isEqualTo(definitions + ":1");
        assertThat(out.get("revisionFailure").asText()).isEqualTo("MISSING");
        assertThat(out.get("daemons")).extracting(JsonNode::asText).containsExactly(out.get("daemon").asText());
        assertThat(out.get("firstTasks")).hasSize(1);
        assertThat(out.get("firstContainers")).as("docker ran its container").hasSize(1);
        String firstTask = out.at("/firstTasks/0").asText();

        assertThat(out.get("rolledFrom").asBoolean()).as("the roll's source is the first revision").isTrue();
        assertThat(out.get("secondTasks")).hasSize(1);
        assertThat(out.get("deployments")).as("newest first").isEqualTo(out.get("deploymentArns"));
        assertThat(containers(firstTask)).as("the first revision's container is gone").isEmpty();

        assertThat(out.get("deletedStatus").asText()).isEqualTo("DELETE_IN_PROGRESS");
        assertThat(out.get("gone").asText()).isEqualTo("The specified daemon wasn't found.");
        assertThat(containers(out.at("/secondTasks/0").asText())).as("docker no longer runs it").isEmpty();
        assertThat(out.get("deletedDefinition").asText()).isEqualTo(definitions + ":1");
        assertThat(out.get("afterDelete").asText()).isIn("DELETE_IN_PROGRESS", "DELETED");
        assertThat(out.get("active")).extracting(JsonNode::asText).containsExactly(definitions + ":2");
    }
}
