package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blue/green service with the CODE_DEPLOY deployment controller on the real Docker engine, driven as CodeDeploy
 * drives ECS, through boto3 (the pyenv {@code python3} first on PATH, whose botocore knows every current ECS
 * operation): CreateService makes the PRIMARY task set and its containers run; a second task set (idempotent by
 * {@code clientToken}) runs beside it; UpdateServicePrimaryTaskSet switches; DeleteTaskSet drains the old one until
 * its containers are gone; UpdateService refuses a new task definition with ECS's words. And an EXTERNAL service
 * created without a task definition.
 */
class CodeDeployIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAMILY = "codedeploy-it";
    private static final String FAMILY_LABEL = "com.amazonaws.ecs.task-definition-family=" + FAMILY;
    private static final String PRELUDE = """
            import boto3, botocore, json, sys, time
            ecs = boto3.client("ecs", endpoint_url=sys.argv[1], region_name="us-east-1",
                               aws_access_key_id="test", aws_secret_access_key="test")
            def wait(what, check, seconds=90):
                deadline = time.time() + seconds
                while True:
                    value = check()
                    if value:
                        return value
                    if time.time() > deadline:
                        raise SystemExit("waited %d s for %s" % (seconds, what))
                    time.sleep(0.5)
            def sets(service):
                return ecs.describe_task_sets(cluster="default", service=service)["taskSets"]
            def error(call):
                try:
                    call()
                except botocore.exceptions.ClientError as e:
                    return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}
                return None
            def show(value):
                print("RESULT " + json.dumps(value, default=str))
            """;

    @TempDir
    Path state;
    private RuntimeFixture runtime;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        Docker.removeByLabel(FAMILY_LABEL);
    }

    private JsonNode boto3(String script) throws Exception {
        String output = TestImages.run(List.of("python3", "-c", PRELUDE + script, runtime.endpoint().toString()));
        String result = output.lines().filter(line -> line.startsWith("RESULT ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("boto3 printed no result: " + output));
        return JSON.readTree(result.substring("RESULT ".length()));
    }

    /** The running containers of a revision of the test family. */
    private static List<String> running(int revision) throws Exception {
        return Docker.run("ps", "-q", "--filter", "label=" + FAMILY_LABEL, "--filter",
                "label=com.amazonaws.ecs.task-definition-version=" + revision);
    }

    private static void awaitContainers(int revision, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (running(revision).size() != count) {
            assertThat(System.nanoTime()).as("waited 30 s for " + count + " containers of revision " + revision
                    + ": " + running(revision)).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @Test
    void blueGreenThroughTaskSetsAsCodeDeployDrivesIt() throws Exception {
        runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
        String containers = "[{\"name\":\"app\",\"image\":\"" + TestImages.BUSYBOX + "\",\"memory\":32,"
                + "\"stopTimeout\":2,\"command\":[\"sleep\",\"3600\"]}]";
        JsonNode blue = boto3("""
                for _ in range(2):
                    ecs.register_task_definition(family="%s", containerDefinitions=json.loads('%s'))
                created = ecs.create_service(serviceName="bg", taskDefinition="%s:1", desiredCount=2,
                                             deploymentController={"type": "CODE_DEPLOY"})["service"]
                steady = wait("the PRIMARY task set to run", lambda: [s for s in sets("bg")
                              if s["runningCount"] == 2 and s["stabilityStatus"] == "STEADY_STATE"])
                show({"created": created, "set": steady[0],
                      "service": ecs.describe_services(services=["bg"])["services"][0]})
                """.formatted(FAMILY, containers, FAMILY));
        assertThat(blue.at("/created/deploymentController/type").asText()).isEqualTo("CODE_DEPLOY");
        assertThat(blue.at("/created/deployments")).as("ECS answers no deployments for CODE_DEPLOY").isEmpty();
        assertThat(blue.at("/created/taskSets")).singleElement()
                .satisfies(set -> assertThat(set.get("status").asText()).isEqualTo("PRIMARY"));
        String blueId = blue.at("/set/id").asText();
        assertThat(blue.at("/set/taskDefinition").asText()).endsWith(":task-definition/" + FAMILY + ":1");
        assertThat(blue.at("/service/runningCount").asInt()).isEqualTo(2);
        assertThat(running(1)).as("the PRIMARY task set's containers run on the engine").hasSize(2);

        JsonNode green = boto3("""
                request = dict(cluster="default", service="bg", taskDefinition="%s:2", externalId="d-LOCAL1",
                               scale={"value": 100.0, "unit": "PERCENT"}, clientToken="codedeploy-it-green")
                first = ecs.create_task_set(**request)["taskSet"]
                retry = ecs.create_task_set(**request)["taskSet"]
                conflict = error(lambda: ecs.create_task_set(**dict(request, scale={"value": 50.0, "unit": "PERCENT"})))
                wait("both task sets to run", lambda: sum(s["runningCount"] for s in sets("bg")) == 4)
                primary = ecs.update_service_primary_task_set(cluster="default", service="bg",
                                                              primaryTaskSet=first["taskSetArn"])["taskSet"]
                show({"first": first, "retry": retry, "conflict": conflict, "primary": primary,
                      "sets": len(sets("bg"))})
                """.formatted(FAMILY));
        String greenId = green.at("/first/id").asText();
        assertThat(green.at("/retry/id").asText()).as("the same clientToken answers the same task set")
                .isEqualTo(greenId);
        assertThat(green.get("sets").asInt()).isEqualTo(2);
        assertThat(green.at("/conflict/code").asText()).isEqualTo("ConflictException");
        assertThat(green.at("/first/startedBy").asText()).isEqualTo("CODE_DEPLOY");
        assertThat(green.at("/primary/status").asText()).isEqualTo("PRIMARY");
        assertThat(running(1)).hasSize(2);
        assertThat(running(2)).as("the new task set's containers run beside the old ones").hasSize(2);

        JsonNode switched = boto3("""
                ecs.delete_task_set(cluster="default", service="bg", taskSet="%s", force=True)
                left = wait("the old task set to drain",
                            lambda: (lambda now: now if len(now) == 1 else None)(sets("bg")))
                refused = error(lambda: ecs.update_service(service="bg", taskDefinition="%s:1"))
                scaled = ecs.update_service(service="bg", desiredCount=1)["service"]
                wait("the scale-in", lambda: ecs.describe_services(services=["bg"])["services"][0]["runningCount"] == 1)
                show({"left": left, "refused": refused, "scaled": scaled,
                      "service": ecs.describe_services(services=["bg"])["services"][0]})
                """.formatted(blueId, FAMILY));
        assertThat(switched.get("left")).singleElement().satisfies(set -> {
            assertThat(set.get("id").asText()).isEqualTo(greenId);
            assertThat(set.get("status").asText()).isEqualTo("PRIMARY");
        });
        assertThat(switched.at("/refused/code").asText()).isEqualTo("InvalidParameterException");
        assertThat(switched.at("/refused/message").asText()).isEqualTo("Unable to update task definition on "
                + "services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.");
        assertThat(switched.at("/scaled/taskSets/0/computedDesiredCount").asInt()).isEqualTo(1);
        assertThat(switched.at("/service/taskDefinition").asText()).endsWith(":task-definition/" + FAMILY + ":2");
        assertThat(switched.at("/service/deployments")).isEmpty();
        assertThat(running(1)).as("the drained task set's containers are gone").isEmpty();
        // the scaled-in task left the counts when it was told to stop; its container takes its stop timeout
        awaitContainers(2, 1);

        JsonNode external = boto3("""
                created = ecs.create_service(serviceName="ext", desiredCount=1,
                                             deploymentController={"type": "EXTERNAL"})["service"]
                for name in ["bg", "ext"]:
                    ecs.delete_service(service=name, force=True)
                    # one service per wait: the waiter succeeds as soon as any service it is given is INACTIVE
                    ecs.get_waiter("services_inactive").wait(services=[name],
                                                               WaiterConfig={"Delay": 1, "MaxAttempts": 60})
                show({"created": created})
                """);
        assertThat(external.get("created").has("taskDefinition")).as("EXTERNAL: no task definition needed").isFalse();
        assertThat(external.at("/created/deployments")).isEmpty();
        assertThat(external.at("/created/taskSets")).isEmpty();
        assertThat(running(2)).as("a deleted service leaves no container").isEmpty();
        List<String> leftovers = new ArrayList<>(Docker.run("ps", "-aq", "--filter", "label=" + FAMILY_LABEL));
        assertThat(leftovers).as("containers removed as they stop").isEmpty();
    }
}
