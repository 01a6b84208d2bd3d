package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets the ECS error shape with the code a real client expects — never a 500 with a stack trace —
 * and every answer carries {@code x-amzn-RequestId}.
 */
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String C = "{\"name\":\"app\",\"image\":\"busybox\",\"memory\":64}";
    @TempDir
    static Path state;
    private static RuntimeFixture runtime;

    @BeforeAll
    static void start() {
        runtime = RuntimeFixture.start(state, Map.of());
        runtime.post("RegisterTaskDefinition", "{\"family\":\"live\",\"containerDefinitions\":[" + C + "]}");
        runtime.post("RegisterTaskDefinition", "{\"family\":\"vpc\",\"networkMode\":\"awsvpc\","
                + "\"containerDefinitions\":[" + C + "]}");
        runtime.post("CreateCluster", "{\"clusterName\":\"gone\"}");
        runtime.post("DeleteCluster", "{\"cluster\":\"gone\"}");
        // scaled to 0: services to refuse things to, with no container started
        runtime.post("CreateService", "{\"serviceName\":\"rolling\",\"taskDefinition\":\"live\",\"desiredCount\":0}");
        runtime.post("CreateService", "{\"serviceName\":\"bluegreen\",\"taskDefinition\":\"live\",\"desiredCount\":0,"
                + "\"deploymentController\":{\"type\":\"CODE_DEPLOY\"}}");
        runtime.post("CreateTaskSet", "{\"cluster\":\"default\",\"service\":\"bluegreen\",\"taskDefinition\":"
                + "\"live\",\"clientToken\":\"used-token\"}");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // protocol
                Arguments.of("UnknownThing", "{}", "UnknownOperationException", "Operation UnknownThing"),
                Arguments.of("RegisterTaskDefinition", "{not json", "SerializationException", "not valid JSON"),
                Arguments.of("RegisterTaskDefinition", "[1,2]", "SerializationException", "must be a JSON object"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\"} trailing", "SerializationException",
                        "not valid JSON"),
                // wrong types
                Arguments.of("RegisterTaskDefinition", "{\"family\":5,\"containerDefinitions\":[" + C + "]}",
                        "SerializationException", "'family': expected a string"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":\"x\"}",
                        "SerializationException", "'containerDefinitions': expected a list"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"b\",\"memory\":\"64\"}]}", "SerializationException",
                        "'containerDefinitions[0].memory': expected an integer"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"b\",\"memory\":64,\"essential\":\"yes\"}]}", "SerializationException",
                        "'containerDefinitions[0].essential': expected a boolean"),
                Arguments.of("ListTaskDefinitions", "{\"maxResults\":1.5}", "SerializationException",
                        "'maxResults': expected an integer"),
                Arguments.of("DescribeClusters", "{\"clusters\":{\"a\":1}}", "SerializationException",
                        "'clusters': expected a list"),
                // missing required members
                Arguments.of("RegisterTaskDefinition", "{\"containerDefinitions\":[" + C + "]}",
                        "ClientException", "Family can not be blank."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\"}", "ClientException",
                        "Container list cannot be empty."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":null,\"containerDefinitions\":[" + C + "]}",
                        "ClientException", "Family can not be blank."),
                Arguments.of("DescribeTaskDefinition", "{}", "InvalidParameterException", "taskDefinition is required"),
                Arguments.of("DeleteCluster", "{}", "InvalidParameterException", "cluster is required"),
                Arguments.of("TagResource", "{\"resourceArn\":\"x\"}", "InvalidParameterException", "tags is required"),
                // ExecuteCommand
                Arguments.of("ExecuteCommand", "{}", "InvalidParameterException", "command is required"),
                Arguments.of("ExecuteCommand", "{\"task\":\"t\",\"command\":\"sh\",\"interactive\":\"yes\"}",
                        "SerializationException", "'interactive'"),
                Arguments.of("ExecuteCommand", "{\"task\":\"t\",\"command\":\"sh\",\"interactive\":false}",
                        "InvalidParameterException", "Interactive is the only mode supported currently."),
                Arguments.of("ExecuteCommand", "{\"task\":\"0123456789abcdef0123456789abcdef\",\"command\":\"sh\","
                        + "\"interactive\":true}", "InvalidParameterException", "The referenced task was not found."),
                Arguments.of("ExecuteCommand", "{\"cluster\":\"gone\",\"task\":\"t\",\"command\":\"sh\","
                        + "\"interactive\":true}", "ClusterNotFoundException", "Cluster not found."),
                // RegisterTaskDefinition validation
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"bad/name\",\"containerDefinitions\":[" + C + "]}",
                        "ClientException", "Family contains invalid characters"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"" + "f".repeat(256) + "\",\"containerDefinitions\":["
                        + C + "]}", "ClientException", "Family contains invalid characters"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[]}",
                        "ClientException", "Container list cannot be empty."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"image\":\"b\","
                        + "\"memory\":64}]}", "ClientException", "Container.name should not be null or empty."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"memory\":64}]}", "ClientException", "Container.image should not be null or empty."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"\",\"memory\":64}]}", "ClientException",
                        "Container.image should not be null or empty."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"b\"}]}", "ClientException",
                        "At least one of 'memory' or 'memoryReservation' must be specified."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"b\",\"memory\":64,\"memoryReservation\":128}]}", "ClientException",
                        "'memoryReservation' must be less than or equal to 'memory'"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[" + C + "," + C + "]}",
                        "ClientException", "Duplicate container name found: app."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"b\",\"memory\":64,\"mountPoints\":[{\"sourceVolume\":\"v\","
                        + "\"containerPath\":\"/d\"}]}]}", "ClientException", "Unknown volume 'v'"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"b\",\"memory\":64,\"dependsOn\":[{\"containerName\":\"db\","
                        + "\"condition\":\"START\"}]}]}", "ClientException", "depends on container 'db'"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[" + C + ","
                        + "{\"name\":\"w\",\"image\":\"b\",\"memory\":64,\"dependsOn\":[{\"containerName\":\"app\","
                        + "\"condition\":\"HEALTHY\"}]}]}", "ClientException", "'app' has no healthCheck"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"b\",\"memory\":64,\"dependsOn\":[{\"containerName\":\"a\","
                        + "\"condition\":\"LATER\"}]}]}", "InvalidParameterException", "Invalid dependsOn.condition"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"b\",\"memory\":64,\"essential\":false}]}", "ClientException",
                        "does not have any essential container"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"networkMode\":\"overlay\","
                        + "\"containerDefinitions\":[" + C + "]}", "InvalidParameterException", "Invalid networkMode"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"networkMode\":\"awsvpc\","
                        + "\"containerDefinitions\":[{\"name\":\"a\",\"image\":\"b\",\"memory\":64,"
                        + "\"portMappings\":[{\"containerPort\":80,\"hostPort\":8080}]}]}", "InvalidParameterException",
                        "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"requiresCompatibilities\":[\"FARGATE\"],"
                        + "\"cpu\":\"256\",\"memory\":\"512\",\"containerDefinitions\":[" + C + "]}",
                        "ClientException", "Fargate only supports network mode 'awsvpc'."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"requiresCompatibilities\":[\"FARGATE\"],"
                        + "\"networkMode\":\"awsvpc\",\"memory\":\"512\",\"containerDefinitions\":[" + C + "]}",
                        "ClientException", "Fargate requires that 'cpu' be defined at the task level."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"requiresCompatibilities\":[\"FARGATE\"],"
                        + "\"networkMode\":\"awsvpc\",\"cpu\":\"256\",\"memory\":\"4096\",\"containerDefinitions\":["
                        + C + "]}", "ClientException", "No Fargate configuration exists for given values: 256 CPU, 4096"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"cpu\":\"lots\",\"containerDefinitions\":["
                        + C + "]}", "ClientException", "Invalid 'cpu' setting for task."),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"requiresCompatibilities\":[\"MARS\"],"
                        + "\"containerDefinitions\":[" + C + "]}", "InvalidParameterException",
                        "Invalid requiresCompatibilities"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":[" + C + "],"
                        + "\"tags\":[{\"key\":\"aws:owner\",\"value\":\"x\"}]}", "InvalidParameterException",
                        "reserved for AWS use"),
                Arguments.of("RegisterTaskDefinition", "{\"family\":\"a\",\"containerDefinitions\":["
                        + (C + ",").repeat(10).replace("\"app\"", "\"x\"") + C + "]}", "ClientException",
                        "Too many containers"),
                // other task-definition actions
                Arguments.of("DescribeTaskDefinition", "{\"taskDefinition\":\"ghost\"}", "ClientException",
                        "Unable to describe task definition."),
                Arguments.of("DescribeTaskDefinition", "{\"taskDefinition\":\"live\",\"include\":[\"SECRETS\"]}",
                        "InvalidParameterException", "Invalid include value 'SECRETS'"),
                Arguments.of("DeregisterTaskDefinition", "{\"taskDefinition\":\"live\"}", "ClientException",
                        "Revision is missing."),
                Arguments.of("DeregisterTaskDefinition", "{\"taskDefinition\":\"live:foo\"}",
                        "InvalidParameterException", "Invalid revision number. Number: foo"),
                Arguments.of("DeregisterTaskDefinition", "{\"taskDefinition\":\"bad name:1\"}", "ClientException",
                        "specify family:revision or the full task definition ARN"),
                Arguments.of("DeregisterTaskDefinition", "{\"taskDefinition\":\"live:7\"}", "ClientException",
                        "The specified task definition does not exist."),
                Arguments.of("DeleteTaskDefinitions", "{\"taskDefinitions\":[]}", "InvalidParameterException",
                        "between 1 and 10"),
                Arguments.of("ListTaskDefinitions", "{\"maxResults\":0}", "InvalidParameterException",
                        "maxResults must be between 1 and 100."),
                Arguments.of("ListTaskDefinitions", "{\"maxResults\":101}", "InvalidParameterException",
                        "maxResults must be between 1 and 100."),
                Arguments.of("ListTaskDefinitions", "{\"nextToken\":\"garbage!\"}", "InvalidParameterException",
                        "Invalid nextToken."),
                Arguments.of("ListTaskDefinitions", "{\"status\":\"GONE\"}", "InvalidParameterException",
                        "Invalid status 'GONE'"),
                Arguments.of("ListTaskDefinitionFamilies", "{\"status\":\"DELETE_IN_PROGRESS\"}",
                        "InvalidParameterException", "Invalid status"),
                // clusters and tags
                Arguments.of("CreateCluster", "{\"clusterName\":\"no spaces\"}", "InvalidParameterException",
                        "Invalid cluster name"),
                Arguments.of("DescribeClusters", "{\"include\":[\"EVERYTHING\"]}", "InvalidParameterException",
                        "Invalid include value"),
                Arguments.of("DeleteCluster", "{\"cluster\":\"ghost\"}", "ClusterNotFoundException", "Cluster not found."),
                Arguments.of("TagResource", "{\"resourceArn\":\"arn:aws:ecs:us-east-1:000000000000:cluster/ghost\","
                        + "\"tags\":[{\"key\":\"a\",\"value\":\"b\"}]}", "ClusterNotFoundException", "Cluster not found."),
                // ListTagsForResource models no ResourceNotFoundException: ECS's own answers
                Arguments.of("ListTagsForResource", "{\"resourceArn\":"
                        + "\"arn:aws:ecs:us-east-1:000000000000:task-definition/live:9\"}", "ClientException",
                        "The specified task definition does not exist."),
                Arguments.of("ListTagsForResource", "{\"resourceArn\":"
                        + "\"arn:aws:ecs:us-east-1:000000000000:cluster/gone\"}", "InvalidParameterException",
                        "The specified cluster is inactive. Specify an active cluster and try again."),
                Arguments.of("ListTagsForResource", "{\"resourceArn\":\"arn:aws:ecs:us-east-1:000000000000:task/"
                        + "default/0123456789abcdef0123456789abcdef\"}", "InvalidParameterException",
                        "The referenced task was not found."),
                Arguments.of("TagResource", "{\"resourceArn\":"
                        + "\"arn:aws:ecs:us-east-1:000000000000:task-definition/live:9\",\"tags\":[{\"key\":\"a\"}]}",
                        "ResourceNotFoundException", "The specified resource could not be found."),
                // cluster updates and capacity providers
                Arguments.of("UpdateCluster", "{\"cluster\":\"ghost\"}", "ClusterNotFoundException",
                        "Cluster not found."),
                Arguments.of("UpdateCluster", "{}", "InvalidParameterException", "cluster is required"),
                Arguments.of("UpdateCluster", "{\"cluster\":\"default\",\"serviceConnectDefaults\":{}}",
                        "InvalidParameterException", "serviceConnectDefaults.namespace is required"),
                Arguments.of("UpdateClusterSettings", "{\"cluster\":\"default\"}", "InvalidParameterException",
                        "settings is required"),
                Arguments.of("UpdateClusterSettings", "{\"cluster\":\"default\",\"settings\":[{\"name\":"
                        + "\"containerInsights\",\"value\":\"loud\"}]}", "InvalidParameterException",
                        "Invalid value 'loud'"),
                Arguments.of("UpdateClusterSettings", "{\"cluster\":\"default\",\"settings\":[{\"name\":"
                        + "\"logs\",\"value\":\"enabled\"}]}", "InvalidParameterException",
                        "Invalid cluster setting name 'logs'"),
                Arguments.of("PutClusterCapacityProviders", "{\"cluster\":\"default\",\"capacityProviders\":"
                        + "[\"FARGATE\",\"my-asg\"],\"defaultCapacityProviderStrategy\":[]}",
                        "InvalidParameterException",
                        "The specified capacity provider was not found. Specify a valid capacity provider and try again."),
                Arguments.of("PutClusterCapacityProviders", "{\"cluster\":\"default\",\"capacityProviders\":"
                        + "[\"FARGATE\"],\"defaultCapacityProviderStrategy\":[{\"capacityProvider\":"
                        + "\"FARGATE_SPOT\",\"weight\":1}]}", "InvalidParameterException",
                        "The specified capacity provider strategy cannot contain a capacity provider that is not "
                        + "associated with the cluster."),
                Arguments.of("PutClusterCapacityProviders", "{\"cluster\":\"default\",\"capacityProviders\":"
                        + "[\"FARGATE\"]}", "InvalidParameterException", "defaultCapacityProviderStrategy is required"),
                Arguments.of("PutClusterCapacityProviders", "{\"cluster\":\"ghost\",\"capacityProviders\":[],"
                        + "\"defaultCapacityProviderStrategy\":[]}", "ClusterNotFoundException", "Cluster not found."),
                Arguments.of("CreateCluster", "{\"clusterName\":\"cp\",\"capacityProviders\":[\"nope\"]}",
                        "InvalidParameterException", "The specified capacity provider was not found."),
                Arguments.of("UntagResource", "{\"resourceArn\":\"not-an-arn\",\"tagKeys\":[\"a\"]}",
                        "InvalidParameterException", "Invalid resourceArn"),
                // daemons
                Arguments.of("RegisterDaemonTaskDefinition", "{\"family\":\"d\",\"containerDefinitions\":[]}",
                        "ClientException", "Container list cannot be empty."),
                Arguments.of("RegisterDaemonTaskDefinition", "{\"family\":\"d\",\"containerDefinitions\":"
                        + "[{\"name\":\"a\"}]}", "ClientException", "Container.image should not be null or empty."),
                Arguments.of("RegisterDaemonTaskDefinition", "{\"family\":\"d\",\"ipcMode\":\"host\","
                        + "\"containerDefinitions\":[" + C + "]}", "InvalidParameterException", "Invalid ipcMode 'host'"),
                Arguments.of("RegisterDaemonTaskDefinition", "{\"family\":\"d\",\"containerDefinitions\":"
                        + "[{\"name\":\"a\",\"image\":\"b\",\"memory\":\"64\"}]}", "SerializationException",
                        "'containerDefinitions[0].memory': expected an integer"),
                Arguments.of("DescribeDaemonTaskDefinition", "{\"daemonTaskDefinition\":\"ghost\"}", "ClientException",
                        "Unable to describe daemon task definition."),
                Arguments.of("DeleteDaemonTaskDefinition", "{\"daemonTaskDefinition\":\"ghost\"}", "ClientException",
                        "must include a revision"),
                Arguments.of("ListDaemonTaskDefinitions", "{\"sort\":\"UP\"}", "InvalidParameterException",
                        "Invalid sort 'UP'"),
                Arguments.of("CreateDaemon", "{\"daemonName\":\"d\",\"daemonTaskDefinitionArn\":\"ghost\"}",
                        "InvalidParameterException", "capacityProviderArns is required"),
                Arguments.of("CreateDaemon", "{\"daemonName\":\"d\",\"daemonTaskDefinitionArn\":\"ghost\","
                        + "\"capacityProviderArns\":[\"cp\"]}", "ClientException",
                        "Unable to describe daemon task definition."),
                Arguments.of("CreateDaemon", "{\"daemonName\":\"d\",\"clusterArn\":\"ghost\","
                        + "\"daemonTaskDefinitionArn\":\"x\",\"capacityProviderArns\":[\"cp\"]}",
                        "ClusterNotFoundException", "Cluster not found."),
                Arguments.of("DescribeDaemon", "{\"daemonArn\":\"arn:aws:ecs:us-east-1:000000000000:daemon/default/"
                        + "ghost\"}", "DaemonNotFoundException", "The specified daemon wasn't found."),
                Arguments.of("DescribeDaemon", "{\"daemonArn\":\"ghost\"}", "InvalidParameterException",
                        "Invalid daemon ARN 'ghost'"),
                Arguments.of("UpdateDaemon", "{\"daemonArn\":\"arn:aws:ecs:us-east-1:000000000000:daemon/default/"
                        + "ghost\",\"daemonTaskDefinitionArn\":\"x\",\"capacityProviderArns\":[\"cp\"]}",
                        "DaemonNotFoundException", "The specified daemon wasn't found."),
                Arguments.of("DeleteDaemon", "{}", "InvalidParameterException", "daemonArn is required"),
                Arguments.of("ListDaemons", "{\"clusterArn\":\"ghost\"}", "ClusterNotFoundException",
                        "Cluster not found."),
                Arguments.of("DescribeDaemonDeployments", "{\"daemonDeploymentArns\":[]}", "InvalidParameterException",
                        "daemonDeploymentArns must contain between 1 and 20 ARNs."),
                Arguments.of("ListDaemonDeployments", "{\"daemonArn\":\"arn:aws:ecs:us-east-1:000000000000:daemon/"
                        + "default/ghost\",\"status\":[\"DONE\"]}", "InvalidParameterException", "Invalid status 'DONE'"),
                Arguments.of("DescribeDaemonRevisions", "{\"daemonRevisionArns\":\"x\"}", "SerializationException",
                        "'daemonRevisionArns': expected a list"),
                // gateways
                Arguments.of("CreateGateway", "{\"name\":\"g\",\"infrastructureRoleArn\":\"role\","
                        + "\"configuration\":{\"hostSharedAlb\":{}}}", "InvalidParameterException",
                        "Invalid infrastructureRoleArn 'role'"),
                Arguments.of("CreateGateway", "{\"name\":\"g\",\"infrastructureRoleArn\":"
                        + "\"arn:aws:iam::000000000000:role/r\",\"configuration\":{\"hostSharedAlb\":"
                        + "{\"scheme\":\"public\"}}}", "InvalidParameterException", "Invalid scheme 'public'"),
                Arguments.of("CreateGateway", "{\"infrastructureRoleArn\":\"r\"}", "InvalidParameterException",
                        "name is required"),
                Arguments.of("CreateGateway", "{\"name\":\"g\",\"infrastructureRoleArn\":\"r\","
                        + "\"configuration\":{\"hostSharedAlb\":{\"port\":\"80\"}}}", "SerializationException",
                        "'configuration.hostSharedAlb.port': expected an integer"),
                Arguments.of("DescribeGateway", "{\"gateway\":\"ghost\"}", "GatewayNotFoundException",
                        "The specified gateway wasn't found."),
                Arguments.of("UpdateGateway", "{\"gateway\":\"ghost\"}", "GatewayNotFoundException",
                        "The specified gateway wasn't found."),
                Arguments.of("DeleteGateway", "{\"gateway\":\"ghost\"}", "GatewayNotFoundException",
                        "The specified gateway wasn't found."),
                Arguments.of("AssociateGatewayWithCluster", "{\"gateway\":\"ghost\",\"cluster\":\"ghost\"}",
                        "ClusterNotFoundException", "Cluster not found."),
                Arguments.of("DisassociateGatewayFromCluster", "{\"gateway\":\"ghost\",\"cluster\":\"default\"}",
                        "GatewayNotFoundException", "The specified gateway wasn't found."),
                Arguments.of("ListGateways", "{\"status\":[\"GONE\"]}", "InvalidParameterException",
                        "Invalid status 'GONE'"),
                Arguments.of("ListGatewayClusterAssociations", "{\"gateway\":\"ghost\"}", "GatewayNotFoundException",
                        "The specified gateway wasn't found."),
                Arguments.of("ListGatewayRoutes", "{\"maxResults\":0}", "InvalidParameterException",
                        "maxResults must be between 1 and 100."),
                Arguments.of("DescribeGatewayResources", "{}", "InvalidParameterException", "gateway is required"),
                Arguments.of("DescribeGatewayRoute", "{\"gatewayRouteArn\":\"arn:aws:ecs:us-east-1:000000000000:"
                        + "gateway-route/ghost\"}", "ResourceNotFoundException",
                        "The specified gateway route wasn't found."),
                // tasks
                Arguments.of("RunTask", "{}", "InvalidParameterException", "taskDefinition is required"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"ghost\"}", "ClientException",
                        "Unable to describe task definition."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"cluster\":\"ghost\"}",
                        "ClusterNotFoundException", "Cluster not found."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"count\":11}", "InvalidParameterException",
                        "count must be between 1 and 10."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"count\":0}", "InvalidParameterException",
                        "count must be between 1 and 10."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"launchType\":\"EC2\","
                        + "\"capacityProviderStrategy\":[{\"capacityProvider\":\"FARGATE\"}]}",
                        "InvalidParameterException", "Specifying both a launch type and capacity provider strategy"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"launchType\":\"FARGATE\"}",
                        "ClientException", "Task definition does not support launch_type FARGATE."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"launchType\":\"MOON\"}",
                        "InvalidParameterException", "Invalid launchType"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"vpc\"}", "InvalidParameterException",
                        "Network Configuration must be provided when networkMode 'awsvpc' is specified."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"vpc\",\"networkConfiguration\":"
                        + "{\"awsvpcConfiguration\":{\"subnets\":[]}}}", "InvalidParameterException",
                        "subnets can not be empty."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"networkConfiguration\":"
                        + "{\"awsvpcConfiguration\":{\"subnets\":[\"s\"]}}}", "InvalidParameterException",
                        "Network Configuration is not valid for the given networkMode"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"overrides\":{\"containerOverrides\":"
                        + "[{\"name\":\"nope\"}]}}", "InvalidParameterException", "'nope'"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"tags\":[{\"key\":\"aws:x\","
                        + "\"value\":\"y\"}]}", "InvalidParameterException", "reserved for AWS use"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"count\":\"2\"}", "SerializationException",
                        "'count': expected an integer"),
                // members no action binds are type-checked too, against the ECS model
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"placementStrategy\":\"x\"}",
                        "SerializationException",
                        "Expected list or null at 'placementStrategy': expected a list, found a string."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"placementConstraints\":{\"type\":\"x\"}}",
                        "SerializationException", "Start of structure or map found where not expected at "
                                + "'placementConstraints': expected a list."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"networkConfiguration\":{"
                        + "\"awsvpcConfiguration\":{\"subnets\":[\"s\"],\"assignPublicIp\":true}}}",
                        "SerializationException", "class java.lang.Boolean can not be converted to an String at "
                                + "'networkConfiguration.awsvpcConfiguration.assignPublicIp': expected a string, found a "
                                + "boolean."),
                // operations that would go upstream are checked before the missing upstream is reported
                Arguments.of("CreateService", "{\"serviceName\":5}", "SerializationException",
                        "'serviceName': expected a string, found a number."),
                // express gateway services and task sets are served locally
                Arguments.of("CreateExpressGatewayService", "{\"executionRoleArn\":\"r\",\"infrastructureRoleArn\":"
                        + "\"r\",\"primaryContainer\":{}}", "InvalidParameterException",
                        "primaryContainer.image is required."),
                Arguments.of("DescribeExpressGatewayService", "{}", "InvalidParameterException", "serviceArn"),
                Arguments.of("CreateTaskSet", "{\"cluster\":\"default\",\"service\":\"ghost\",\"taskDefinition\":"
                        + "\"live\"}", "ServiceNotFoundException", "Service not found."),
                Arguments.of("UpdateTaskSet", "{\"cluster\":\"default\",\"service\":\"ghost\",\"taskSet\":\"x\"}",
                        "InvalidParameterException", "scale is required."),
                Arguments.of("DescribeTaskSets", "{\"cluster\":\"default\"}", "InvalidParameterException",
                        "service"),
                Arguments.of("CreateTaskSet", "{\"cluster\":\"default\",\"service\":\"rolling\",\"taskDefinition\":"
                        + "\"live\"}", "InvalidParameterException", "Amazon ECS only supports task set management on "
                        + "services configured to use external deployment controllers."),
                Arguments.of("CreateTaskSet", "{\"cluster\":\"default\",\"service\":\"bluegreen\",\"taskDefinition\":"
                        + "\"live\",\"clientToken\":\"used-token\",\"externalId\":\"other\"}", "ConflictException",
                        "The client token used-token was already used for a CreateTaskSet request with different "
                        + "parameters."),
                // the CODE_DEPLOY deployment controller
                Arguments.of("CreateService", "{\"serviceName\":\"cd\",\"desiredCount\":1,"
                        + "\"deploymentController\":{\"type\":\"CODE_DEPLOY\"}}", "InvalidParameterException",
                        "Task Definition can not be blank."),
                Arguments.of("CreateService", "{\"serviceName\":\"cd\",\"taskDefinition\":\"live\","
                        + "\"schedulingStrategy\":\"DAEMON\",\"deploymentController\":{\"type\":\"CODE_DEPLOY\"}}",
                        "InvalidParameterException",
                        "The DAEMON scheduling strategy does not support the CODE_DEPLOY deployment controller."),
                Arguments.of("UpdateService", "{\"service\":\"bluegreen\",\"taskDefinition\":\"live\"}",
                        "InvalidParameterException", "Unable to update task definition on services with a CODE_DEPLOY "
                        + "deployment controller. Use AWS CodeDeploy to trigger a new deployment."),
                Arguments.of("UpdateService", "{\"service\":\"bluegreen\",\"forceNewDeployment\":true}",
                        "InvalidParameterException", "Unable to update network parameters on services with a "
                        + "CODE_DEPLOY deployment controller."),
                Arguments.of("UpdateService", "{\"service\":\"bluegreen\",\"loadBalancers\":[]}",
                        "InvalidParameterException", "Unable to update load balancers on services with a CODE_DEPLOY "
                        + "deployment controller."),
                Arguments.of("UpdateService", "{\"service\":\"bluegreen\",\"platformVersion\":\"1.4.0\"}",
                        "InvalidParameterException", "Unable to update platform version on services with a "
                        + "CODE_DEPLOY deployment controller."),
                Arguments.of("ContinueServiceDeployment", "{\"serviceDeploymentArn\":\"arn:aws:ecs:us-east-1:"
                        + "000000000000:service-deployment/default/ghost/x\",\"hookId\":\"h\"}",
                        "ServiceDeploymentNotFoundException", "The service deployment does not exist."),
                Arguments.of("UpdateExpressGatewayService", "{\"serviceArn\":\"arn:aws:ecs:us-east-1:000000000000:"
                        + "service/default/ghost\"}", "ServiceNotFoundException", "Service not found."),
                Arguments.of("DeleteExpressGatewayService", "{\"serviceArn\":\"arn:aws:ecs:us-east-1:000000000000:"
                        + "service/default/ghost\"}", "ServiceNotFoundException", "Service not found."),
                Arguments.of("DeleteTaskSet", "{\"cluster\":\"default\",\"service\":\"ghost\",\"taskSet\":\"x\"}",
                        "ServiceNotFoundException", "Service not found."),
                Arguments.of("UpdateServicePrimaryTaskSet", "{\"cluster\":\"default\",\"service\":\"ghost\","
                        + "\"primaryTaskSet\":\"x\"}", "ServiceNotFoundException", "Service not found."),
                // service deployments and service listings
                Arguments.of("ListServiceDeployments", "{\"service\":\"ghost\"}", "ServiceNotFoundException",
                        "Service not found."),
                Arguments.of("ListServiceDeployments", "{\"service\":\"ghost\",\"status\":[\"DONE\"]}",
                        "InvalidParameterException", "Invalid status 'DONE'"),
                Arguments.of("DescribeServiceDeployments", "{\"serviceDeploymentArns\":[]}",
                        "InvalidParameterException", "serviceDeploymentArns should have between 1 and 20 items."),
                Arguments.of("DescribeServiceRevisions", "{\"serviceRevisionArns\":[]}", "InvalidParameterException",
                        "serviceRevisionArns should have between 1 and 20 items."),
                Arguments.of("StopServiceDeployment", "{\"serviceDeploymentArn\":\"arn:aws:ecs:us-east-1:"
                        + "000000000000:service-deployment/default/ghost/x\"}",
                        "ServiceDeploymentNotFoundException", "The service deployment does not exist."),
                Arguments.of("StopServiceDeployment", "{\"serviceDeploymentArn\":\"arn:aws:ecs:us-east-1:"
                        + "000000000000:service-deployment/default/ghost/x\",\"stopType\":\"PAUSE\"}",
                        "InvalidParameterException", "Invalid stopType 'PAUSE'. Valid values: ABORT, ROLLBACK."),
                Arguments.of("ListServices", "{\"cluster\":\"ghost\"}", "ClusterNotFoundException",
                        "Cluster not found."),
                Arguments.of("ListServices", "{\"maxResults\":101}", "InvalidParameterException",
                        "maxResults must be between 1 and 100."),
                Arguments.of("ListServicesByNamespace", "{}", "InvalidParameterException", "namespace"),
                Arguments.of("ListClusters", "{\"maxResults\":101}", "InvalidParameterException",
                        "maxResults must be between 1 and 100."),
                // container instances and attributes
                Arguments.of("RegisterContainerInstance", "{\"cluster\":\"ghost\"}", "ClusterNotFoundException",
                        "Cluster not found."),
                Arguments.of("RegisterContainerInstance", "{\"attributes\":[{\"name\":\"ecs.os-type\",\"value\":"
                        + "\"windows\"}]}", "InvalidParameterException", "is reserved"),
                Arguments.of("RegisterContainerInstance", "{\"containerInstanceArn\":\"arn:aws:ecs:us-east-1:"
                        + "000000000000:container-instance/default/0123\"}", "InvalidParameterException",
                        "The referenced container instance was not found."),
                Arguments.of("DeregisterContainerInstance", "{}", "InvalidParameterException",
                        "containerInstance is required"),
                Arguments.of("DeregisterContainerInstance", "{\"containerInstance\":\"0123\"}",
                        "InvalidParameterException", "The referenced container instance was not found."),
                Arguments.of("DescribeContainerInstances", "{\"containerInstances\":[]}", "ClientException",
                        "Container Instances cannot be empty."),
                Arguments.of("DescribeContainerInstances", "{\"containerInstances\":[\"a\"],\"include\":[\"X\"]}",
                        "InvalidParameterException", "Invalid include 'X'"),
                Arguments.of("DescribeContainerInstances", "{\"containerInstances\":[\"a\"],\"cluster\":\"gone\"}",
                        "ClusterNotFoundException", "Cluster not found."),
                Arguments.of("ListContainerInstances", "{\"filter\":\"attribute:color ==\"}",
                        "InvalidParameterException", "The filter 'attribute:color ==' is not valid"),
                Arguments.of("ListContainerInstances", "{\"filter\":\"color == blue\"}",
                        "InvalidParameterException", "'color' is not a subject"),
                Arguments.of("ListContainerInstances", "{\"status\":\"GONE\"}", "InvalidParameterException",
                        "Invalid status 'GONE'"),
                Arguments.of("UpdateContainerInstancesState", "{\"containerInstances\":[\"a\"],\"status\":"
                        + "\"INACTIVE\"}", "InvalidParameterException", "can only be updated to ACTIVE or DRAINING"),
                Arguments.of("UpdateContainerInstancesState", "{\"status\":\"DRAINING\"}",
                        "InvalidParameterException", "containerInstances is required"),
                Arguments.of("UpdateContainerAgent", "{\"containerInstance\":\"nope\"}", "InvalidParameterException",
                        "The referenced container instance was not found."),
                Arguments.of("StartTask", "{\"taskDefinition\":\"live\",\"containerInstances\":[]}",
                        "InvalidParameterException", "Container instances cannot be empty."),
                Arguments.of("StartTask", "{\"taskDefinition\":\"ghost\",\"containerInstances\":[\"a\"]}",
                        "ClientException", "Unable to describe task definition."),
                Arguments.of("StartTask", "{\"containerInstances\":[\"a\"]}", "InvalidParameterException",
                        "taskDefinition is required"),
                Arguments.of("PutAttributes", "{\"attributes\":[]}", "InvalidParameterException",
                        "attributes can not be empty"),
                Arguments.of("PutAttributes", "{\"attributes\":[{\"name\":\"stack\",\"value\":\"blue\"}]}",
                        "InvalidParameterException", "targetId is required"),
                Arguments.of("PutAttributes", "{\"attributes\":[{\"name\":\"stack\",\"value\":\"blue\","
                        + "\"targetId\":\"0123\"}]}", "TargetNotFoundException", "Could not find 0123"),
                Arguments.of("PutAttributes", "{\"attributes\":[{\"name\":\"st ack\",\"targetId\":\"0123\"}]}",
                        "InvalidParameterException", "Attribute name 'st ack' is invalid"),
                Arguments.of("DeleteAttributes", "{}", "InvalidParameterException", "attributes is required"),
                Arguments.of("ListAttributes", "{\"targetType\":\"task\"}", "InvalidParameterException",
                        "targetType must be container-instance"),
                Arguments.of("ListAttributes", "{}", "InvalidParameterException", "targetType is required"),
                // placement
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"placementConstraints\":[{\"type\":"
                        + "\"near\"}]}", "InvalidParameterException", "Invalid placement constraint type 'near'"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"placementConstraints\":[{\"type\":"
                        + "\"memberOf\"}]}", "InvalidParameterException", "An expression must be specified"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"placementConstraints\":[{\"type\":"
                        + "\"memberOf\",\"expression\":\"attribute:a in b\"}]}", "InvalidParameterException",
                        "The placement constraint expression 'attribute:a in b' is not valid"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"placementStrategy\":[{\"type\":"
                        + "\"tight\"}]}", "InvalidParameterException", "Invalid placement strategy type 'tight'"),
                Arguments.of("CreateService", "{\"serviceName\":\"placed\",\"taskDefinition\":\"live\","
                        + "\"desiredCount\":0,\"placementConstraints\":[{\"type\":\"near\"}]}",
                        "InvalidParameterException", "Invalid placement constraint type 'near'"),
                Arguments.of("CreateService", "{\"serviceName\":\"placed\",\"taskDefinition\":\"live\","
                        + "\"desiredCount\":0,\"placementConstraints\":[{\"type\":\"memberOf\","
                        + "\"expression\":\"attribute:a in b\"}]}", "InvalidParameterException",
                        "The placement constraint expression 'attribute:a in b' is not valid"),
                Arguments.of("CreateService", "{\"serviceName\":\"placed\",\"taskDefinition\":\"live\","
                        + "\"desiredCount\":0,\"schedulingStrategy\":\"DAEMON\",\"placementConstraints\":[{"
                        + "\"type\":\"memberOf\",\"expression\":\"attribute:a ==\"}]}",
                        "InvalidParameterException", "The placement constraint expression 'attribute:a ==' is not valid"),
                Arguments.of("CreateService", "{\"serviceName\":\"placed\",\"taskDefinition\":\"live\","
                        + "\"desiredCount\":0,\"placementStrategy\":[{\"type\":\"binpack\",\"field\":\"disk\"}]}",
                        "InvalidParameterException", "The binpack placement strategy field must be cpu or memory."),
                Arguments.of("UpdateService", "{\"service\":\"rolling\",\"placementStrategy\":[{\"type\":"
                        + "\"tight\"}]}", "InvalidParameterException", "Invalid placement strategy type 'tight'"),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"placementStrategy\":[{\"type\":"
                        + "\"binpack\",\"field\":\"disk\"}]}", "InvalidParameterException",
                        "The binpack placement strategy field must be cpu or memory."),
                Arguments.of("RunTask", "{\"taskDefinition\":\"live\",\"capacityProviderStrategy\":"
                        + "[{\"capacityProvider\":\"ghost-cp\"}]}", "InvalidParameterException",
                        "The specified capacity provider ghost-cp was not found."),
                // capacity providers
                Arguments.of("CreateCapacityProvider", "{\"name\":\"cp\"}", "InvalidParameterException",
                        "Exactly one of autoScalingGroupProvider and managedInstancesProvider must be specified."),
                Arguments.of("CreateCapacityProvider", "{\"name\":\"fargate-x\",\"autoScalingGroupProvider\":"
                        + "{\"autoScalingGroupArn\":\"asg\"}}", "InvalidParameterException", "cannot be prefixed"),
                Arguments.of("CreateCapacityProvider", "{\"name\":\"cp\",\"autoScalingGroupProvider\":"
                        + "{\"autoScalingGroupArn\":\"asg\",\"managedScaling\":{\"targetCapacity\":0}}}",
                        "InvalidParameterException", "targetCapacity must be between 1 and 100."),
                Arguments.of("CreateCapacityProvider", "{}", "InvalidParameterException", "name is required"),
                Arguments.of("UpdateCapacityProvider", "{\"name\":\"ghost\",\"autoScalingGroupProvider\":{}}",
                        "ClientException", "The specified capacity provider does not exist."),
                Arguments.of("DeleteCapacityProvider", "{\"capacityProvider\":\"ghost\"}", "ClientException",
                        "The specified capacity provider does not exist. Specify a valid name or ARN and try again."),
                Arguments.of("DeleteCapacityProvider", "{\"capacityProvider\":\"FARGATE\"}",
                        "InvalidParameterException", "cannot be deleted"),
                Arguments.of("DescribeCapacityProviders", "{\"include\":[\"X\"]}", "InvalidParameterException",
                        "Invalid include 'X'"),
                Arguments.of("DescribeCapacityProviders", "{\"maxResults\":50}", "InvalidParameterException",
                        "maxResults must be between 1 and 10."),
                // account settings
                Arguments.of("PutAccountSetting", "{\"name\":\"nope\",\"value\":\"enabled\"}",
                        "InvalidParameterException", "nope should be one of [serviceLongArnFormat,"),
                Arguments.of("PutAccountSetting", "{\"name\":\"containerInsights\",\"value\":\"loud\"}",
                        "InvalidParameterException", "Invalid value 'loud' for containerInsights"),
                Arguments.of("PutAccountSetting", "{\"name\":\"taskLongArnFormat\",\"value\":\"disabled\"}",
                        "InvalidParameterException", "You can no longer disable"),
                Arguments.of("PutAccountSetting", "{\"name\":\"awsvpcTrunking\",\"value\":\"enabled\","
                        + "\"principalArn\":\"bob\"}", "InvalidParameterException", "principalArn 'bob' is not"),
                Arguments.of("PutAccountSetting", "{\"name\":\"awsvpcTrunking\"}", "InvalidParameterException",
                        "value is required"),
                Arguments.of("PutAccountSettingDefault", "{\"name\":\"guardDutyActivate\",\"value\":\"on\"}",
                        "InvalidParameterException", "guardDutyActivate is read-only"),
                Arguments.of("DeleteAccountSetting", "{}", "InvalidParameterException", "name is required"),
                Arguments.of("ListAccountSettings", "{\"value\":\"enabled\"}", "InvalidParameterException",
                        "value can only be specified together with name."),
                Arguments.of("ListAccountSettings", "{\"maxResults\":11}", "InvalidParameterException",
                        "maxResults must be between 1 and 10."),
                // task protection
                Arguments.of("GetTaskProtection", "{}", "InvalidParameterException", "cluster is required"),
                Arguments.of("GetTaskProtection", "{\"cluster\":\"ghost\",\"tasks\":[\"a\"]}",
                        "ClusterNotFoundException", "Cluster not found."),
                Arguments.of("UpdateTaskProtection", "{\"cluster\":\"default\",\"tasks\":[\"a\"],"
                        + "\"protectionEnabled\":true,\"expiresInMinutes\":2881}", "InvalidParameterException",
                        "expiresInMinutes must be between 1 and 2880."),
                Arguments.of("UpdateTaskProtection", "{\"cluster\":\"default\",\"tasks\":[],"
                        + "\"protectionEnabled\":true}", "InvalidParameterException", "tasks can not be empty."),
                Arguments.of("UpdateTaskProtection", "{\"cluster\":\"default\",\"tasks\":[\"a\"]}",
                        "InvalidParameterException", "protectionEnabled is required"),
                // the agent surface
                Arguments.of("DiscoverPollEndpoint", "{\"cluster\":\"ghost\"}", "ClusterNotFoundException",
                        "Cluster not found."),
                Arguments.of("SubmitTaskStateChange", "{\"task\":\"0123456789abcdef0123456789abcdef\"}",
                        "InvalidParameterException", "The referenced task was not found."),
                Arguments.of("SubmitTaskStateChange", "{}", "InvalidParameterException", "task must be specified."),
                Arguments.of("SubmitContainerStateChange", "{\"cluster\":\"ghost\",\"task\":\"a\"}",
                        "ClusterNotFoundException", "Cluster not found."),
                Arguments.of("SubmitAttachmentStateChanges", "{\"attachments\":[]}", "InvalidParameterException",
                        "attachments can not be empty."),
                Arguments.of("SubmitAttachmentStateChanges", "{}", "InvalidParameterException",
                        "attachments is required"),
                Arguments.of("NoSuchOperation", "{\"a\":1}", "UnknownOperationException",
                        "Operation NoSuchOperation is not an Amazon ECS operation and no plugin serves it."),
                Arguments.of("DescribeTasks", "{\"tasks\":[]}", "InvalidParameterException", "Tasks cannot be empty."),
                Arguments.of("DescribeTasks", "{}", "InvalidParameterException", "tasks is required"),
                Arguments.of("DescribeTasks", "{\"tasks\":[\"a\"],\"cluster\":\"ghost\"}",
                        "ClusterNotFoundException", "Cluster not found."),
                Arguments.of("StopTask", "{\"task\":\"0123456789abcdef0123456789abcdef\"}", "InvalidParameterException",
                        "The referenced task was not found."),
                Arguments.of("StopTask", "{}", "InvalidParameterException", "task is required"),
                Arguments.of("ListTasks", "{\"startedBy\":\"me\",\"family\":\"live\"}", "InvalidParameterException",
                        "startedBy may not be specified"),
                Arguments.of("ListTasks", "{\"desiredStatus\":\"GONE\"}", "InvalidParameterException",
                        "Invalid desiredStatus"),
                Arguments.of("ListTasks", "{\"maxResults\":500}", "InvalidParameterException",
                        "maxResults must be between 1 and 100."));
    }

    @ParameterizedTest(name = "{0} {2}: {3}")
    @MethodSource("badRequests")
    void answersTheEcsErrorShape(String operation, String body, String code, String message) throws Exception {
        HttpResponse<String> response = runtime.post(operation, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f-]{36}"));
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue(code);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("__type").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(message).doesNotContain("Exception:").doesNotContain("\tat ");
    }

    @Test
    void aWronglyTypedUnboundMemberStartsNoTask() throws Exception {
        int before = runtime.ecs().listTasks(r -> r.desiredStatus("RUNNING")).taskArns().size()
                + runtime.ecs().listTasks(r -> r.desiredStatus("STOPPED")).taskArns().size();

        HttpResponse<String> response = runtime.post("RunTask",
                "{\"taskDefinition\":\"live\",\"placementStrategy\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(runtime.ecs().listTasks(r -> r.desiredStatus("RUNNING")).taskArns().size()
                + runtime.ecs().listTasks(r -> r.desiredStatus("STOPPED")).taskArns().size()).isEqualTo(before);
    }

    @Test
    void missingOrForeignTargetIsUnknownOperation() throws Exception {
        HttpResponse<String> none = runtime.post(null, "{}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(none.body()).get("__type").asText()).isEqualTo("UnknownOperationException");

        HttpResponse<String> foreign = RuntimeFixture.send(HttpRequest.newBuilder(runtime.endpoint().resolve("/"))
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(JSON.readTree(foreign.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(JSON.readTree(foreign.body()).get("message").asText()).contains("DynamoDB_20120810.ListTables");
    }

    @Test
    void unknownPathsAnswerAShort404LoggedAtMostAtFine() throws Exception {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord entry) {
                if (entry.getLevel().intValue() > Level.FINE.intValue()) {
                    logged.add(entry);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (HttpRequest request : List.of(
                    HttpRequest.newBuilder(runtime.endpoint().resolve("/moto-api/reset"))
                            .POST(HttpRequest.BodyPublishers.ofString("")).build(),
                    HttpRequest.newBuilder(runtime.endpoint().resolve("/no/such/page")).GET().build(),
                    HttpRequest.newBuilder(runtime.endpoint().resolve("/")).GET().build())) {
                HttpResponse<String> response = RuntimeFixture.send(request);

                assertThat(response.statusCode()).as(request.method() + " " + request.uri()).isEqualTo(404);
                assertThat(response.body()).startsWith("Not found: " + request.method() + " " + request.uri().getPath())
                        .hasSizeLessThan(200).doesNotContain("Exception");
                assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
            }
        } finally {
            root.removeHandler(capture);
        }
        assertThat(logged).as("records above FINE").extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void bodyOverEightMebibytesIsRefusedWithoutReadingIt() throws Exception {
        String big = "{\"family\":\"" + "a".repeat(8 * 1024 * 1024) + "\"}";
        HttpResponse<String> response = runtime.post("RegisterTaskDefinition", big);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("__type").asText()).isEqualTo("ClientException");
        assertThat(JSON.readTree(response.body()).get("message").asText()).contains("8388608 bytes");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void emptyBodyIsAnEmptyRequestAndSuccessCarriesARequestId() throws Exception {
        HttpResponse<String> response = runtime.post("ListClusters", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(JSON.readTree(response.body()).get("clusterArns").get(0).asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/default");
    }

    @Test
    void healthAnswersJsonWithARequestId() throws Exception {
        HttpResponse<String> health = RuntimeFixture.send(HttpRequest.newBuilder(
                URI.create(runtime.endpoint() + "/health")).timeout(Duration.ofSeconds(20)).GET().build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.at("/actions/RegisterTaskDefinition").asText()).isEqualTo("ecs-task-definitions");
        assertThat(body.at("/actions/CreateCluster").asText()).isEqualTo("ecs-clusters");
        assertThat(body.get("plugins")).extracting(p -> p.get("state").asText()).containsOnly("STARTED");
        assertThat(body.at("/docker/reachable").asBoolean()).as("the Docker engine answers: " + body.get("docker"))
                .isTrue();
        assertThat(body.at("/docker/apiVersion").asText()).isNotEmpty();
        assertThat(body.at("/upstream/ecs/configured").asBoolean()).isFalse();
    }
}
