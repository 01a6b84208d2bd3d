package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service operations newer than the machine's AWS CLI v2, through boto3 ({@link Boto3}) on the simulated
 * engine: service deployments listed, described, stopped (rolled back) and not continued (no lifecycle hook
 * pauses locally); services listed by cluster and by Service Connect namespace; task sets of an EXTERNAL
 * service; an express gateway service created, described, updated and deleted.
 */
class ServicesBoto3IT {
    private static final String PREFIX = "arn:aws:ecs:us-east-1:000000000000:";
    @TempDir
    Path state;
    private RuntimeFixture runtime;
    private int door;

    @BeforeEach
    void start() throws IOException {
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            door = probe.getLocalPort();
        }
        runtime = RuntimeFixture.start(state, Map.of("tasks.engine", "simulated",
                "front-door.port.boto3-express", Integer.toString(door)));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void boto3ListsDescribesAndStopsServiceDeploymentsAndListsServices() {
        String script = """
                from botocore.exceptions import ClientError
                out = {}
                container = {"name": "app", "image": "busybox", "memory": 32}
                ecs.register_task_definition(family="b3svc", containerDefinitions=[container])
                ecs.register_task_definition(family="b3svc", containerDefinitions=[
                    dict(container, environment=[{"name": "LOCAL_ECS_SIMULATE", "value": "start-fail"}])])
                service = ecs.create_service(serviceName="web", taskDefinition="b3svc:1", desiredCount=1,
                                             serviceConnectConfiguration={"enabled": True, "namespace": "b3-ns"})["service"]
                ecs.create_service(serviceName="other", taskDefinition="b3svc:1", desiredCount=0)

                def deployments():
                    return ecs.list_service_deployments(service="web")["serviceDeployments"]

                for _ in range(300):
                    listed = deployments()
                    if listed and listed[0]["status"] == "SUCCESSFUL":
                        break
                    time.sleep(0.1)
                out["firstStatus"] = listed[0]["status"]
                first = listed[0]["serviceDeploymentArn"]
                described = ecs.describe_service_deployments(serviceDeploymentArns=[first, first + "x"])
                out["firstService"] = described["serviceDeployments"][0]["serviceArn"]
                out["describeFailure"] = described["failures"][0]["reason"]
                revision = described["serviceDeployments"][0]["targetServiceRevision"]["arn"]
                revisions = ecs.describe_service_revisions(serviceRevisionArns=[revision])["serviceRevisions"]
                out["revisionTaskDefinition"] = revisions[0]["taskDefinition"]
                out["revisionNamespace"] = revisions[0]["serviceConnectConfiguration"]["namespace"]

                ecs.update_service(service="web", taskDefinition="b3svc:2")
                for _ in range(300):
                    listed = deployments()
                    if len(listed) == 2 and listed[0]["status"] == "IN_PROGRESS":
                        break
                    time.sleep(0.1)
                failing = listed[0]["serviceDeploymentArn"]
                out["failingStatus"] = listed[0]["status"]
                try:
                    ecs.continue_service_deployment(serviceDeploymentArn=failing, hookId="hook-1")
                    out["continued"] = "answered"
                except ClientError as refused:
                    out["continued"] = refused.response["Error"]["Code"]
                out["stopped"] = ecs.stop_service_deployment(serviceDeploymentArn=failing,
                                                             stopType="ROLLBACK")["serviceDeploymentArn"]
                for _ in range(300):
                    listed = deployments()
                    if listed[0]["status"] == "ROLLBACK_SUCCESSFUL":
                        break
                    time.sleep(0.1)
                out["afterStop"] = listed[0]["status"]
                out["afterStopReason"] = listed[0].get("statusReason", "")
                out["serviceTaskDefinition"] = ecs.describe_services(services=["web"])["services"][0]["taskDefinition"]
                try:
                    ecs.stop_service_deployment(serviceDeploymentArn=failing)
                    out["stoppedAgain"] = "answered"
                except ClientError as refused:
                    out["stoppedAgain"] = refused.response["Error"]["Code"]

                out["services"] = sorted(ecs.list_services(cluster="default")["serviceArns"])
                out["inNamespace"] = ecs.list_services_by_namespace(namespace="b3-ns")["serviceArns"]
                out["serviceArn"] = service["serviceArn"]
                print(json.dumps(out))
                """;
        JsonNode out = Boto3.run(runtime.endpoint(), script);
        String web = PREFIX + "service/default/web";
        assertThat(out.get("firstStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(out.get("firstService").asText()).isEqualTo(web);
        assertThat(out.get("describeFailure").asText()).isEqualTo("MISSING");
        assertThat(out.get("revisionTaskDefinition").asText()).isEqualTo(PREFIX + "task-definition/b3svc:1");
        assertThat(out.get("revisionNamespace").asText()).isEqualTo("b3-ns");
        assertThat(out.get("failingStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(out.get("continued").asText()).as("no deployment pauses at a lifecycle hook locally")
                .isEqualTo("InvalidParameterException");
        assertThat(out.get("stopped").asText()).startsWith(PREFIX + "service-deployment/default/web/");
        assertThat(out.get("afterStop").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(out.get("afterStopReason").asText()).contains("StopServiceDeployment");
        assertThat(out.get("serviceTaskDefinition").asText()).isEqualTo(PREFIX + "task-definition/b3svc:1");
        assertThat(out.get("stoppedAgain").asText()).as("only a deployment in progress stops")
                .isEqualTo("ConflictException");
        assertThat(out.get("services")).extracting(JsonNode::asText)
                .containsExactly(PREFIX + "service/default/other", web);
        assertThat(out.get("inNamespace")).extracting(JsonNode::asText).containsExactly(web);
    }

    @Test
    void boto3DrivesTaskSetsAndAnExpressGatewayService() {
        String script = """
                out = {}
                ecs.register_task_definition(family="b3ext", containerDefinitions=[
                    {"name": "app", "image": "busybox", "memory": 32}])
                ecs.create_service(serviceName="ext", taskDefinition="b3ext", desiredCount=2,
                                   deploymentController={"type": "EXTERNAL"})
                blue = ecs.create_task_set(cluster="default", service="ext", taskDefinition="b3ext", externalId="blue",
                                           scale={"value": 100.0, "unit": "PERCENT"})["taskSet"]
                green = ecs.create_task_set(cluster="default", service="ext", taskDefinition="b3ext", externalId="green",
                                            scale={"value": 50.0, "unit": "PERCENT"})["taskSet"]
                out["blueDesired"], out["greenDesired"] = blue["computedDesiredCount"], green["computedDesiredCount"]
                out["primary"] = ecs.update_service_primary_task_set(cluster="default", service="ext",
                                                                     primaryTaskSet=green["taskSetArn"])["taskSet"]["status"]
                for _ in range(300):
                    sets = ecs.describe_task_sets(cluster="default", service="ext")["taskSets"]
                    if sum(s["runningCount"] for s in sets) == 3:
                        break
                    time.sleep(0.1)
                out["running"] = sum(s["runningCount"] for s in sets)
                out["scaled"] = ecs.update_task_set(cluster="default", service="ext", taskSet=blue["id"],
                                                    scale={"value": 0.0, "unit": "PERCENT"})["taskSet"]["computedDesiredCount"]
                ecs.delete_task_set(cluster="default", service="ext", taskSet=blue["id"])
                for _ in range(300):
                    sets = ecs.describe_task_sets(cluster="default", service="ext")["taskSets"]
                    if len(sets) == 1:
                        break
                    time.sleep(0.1)
                out["left"] = [s["externalId"] for s in sets]

                role = "arn:aws:iam::000000000000:role/"
                created = ecs.create_express_gateway_service(
                    serviceName="boto3-express", executionRoleArn=role + "exec", infrastructureRoleArn=role + "infra",
                    primaryContainer={"image": "busybox", "containerPort": 8080, "command": ["httpd", "-f"]},
                    scalingTarget={"minTaskCount": 1, "maxTaskCount": 2})["service"]
                arn = created["serviceArn"]
                out["express"], out["expressStatus"] = arn, created["status"]["statusCode"]
                out["endpoint"] = created["activeConfigurations"][0]["ingressPaths"][0]["endpoint"]
                updated = ecs.update_express_gateway_service(serviceArn=arn, memory="1024")["service"]
                out["targetMemory"] = updated["targetConfiguration"]["memory"]
                described = ecs.describe_express_gateway_service(serviceArn=arn)["service"]
                out["describedMemory"] = described["activeConfigurations"][0]["memory"]
                out["expressTaskDefinition"] = ecs.describe_services(services=["boto3-express"])["services"][0][
                    "taskDefinition"]
                out["deleted"] = ecs.delete_express_gateway_service(serviceArn=arn)["service"]["status"]["statusCode"]
                print(json.dumps(out))
                """;
        JsonNode out = Boto3.run(runtime.endpoint(), script);
        assertThat(out.get("blueDesired").asInt()).isEqualTo(2);
        assertThat(out.get("greenDesired").asInt()).as("ceil(2 × 50 %)").isEqualTo(1);
        assertThat(out.get("primary").asText()).isEqualTo("PRIMARY");
        assertThat(out.get("running").asInt()).as("both task sets' tasks run").isEqualTo(3);
        assertThat(out.get("scaled").asInt()).isZero();
        assertThat(out.get("left")).extracting(JsonNode::asText).containsExactly("green");

        assertThat(out.get("express").asText()).isEqualTo(PREFIX + "service/default/boto3-express");
        assertThat(out.get("expressStatus").asText()).isEqualTo("ACTIVE");
        assertThat(out.get("endpoint").asText()).isEqualTo("http://127.0.0.1:" + door);
        assertThat(out.get("targetMemory").asText()).isEqualTo("1024");
        assertThat(out.get("describedMemory").asText()).isEqualTo("1024");
        assertThat(out.get("expressTaskDefinition").asText()).isEqualTo(PREFIX + "task-definition/boto3-express:2");
        assertThat(out.get("deleted").asText()).isEqualTo("DRAINING");
    }
}
