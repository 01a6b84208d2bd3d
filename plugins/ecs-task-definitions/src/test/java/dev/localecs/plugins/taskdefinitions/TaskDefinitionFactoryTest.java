package dev.localecs.plugins.taskdefinitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.localecs.api.EcsArns;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerDefinition;
import dev.localecs.api.model.DockerVolumeConfiguration;
import dev.localecs.api.model.EFSVolumeConfiguration;
import dev.localecs.api.model.HealthCheck;
import dev.localecs.api.model.TaskDefinition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What RegisterTaskDefinition fills in, and the task-size rules, on requests as clients send them. */
class TaskDefinitionFactoryTest {
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final TaskDefinitionFactory factory = new TaskDefinitionFactory(json, new EcsArns("us-east-1", "000000000000"));

    private RegisterTaskDefinitionRequest request(String body) throws Exception {
        return json.readValue(body, RegisterTaskDefinitionRequest.class);
    }

    @Test
    void fillsWhatEcsFills() throws Exception {
        RegisterTaskDefinitionRequest request = request("""
                {"family": "web", "networkMode": "awsvpc", "cpu": "1 vCPU", "memory": "2GB",
                 "executionRoleArn": "arn:aws:iam::000000000000:role/exec",
                 "volumes": [{"name": "scratch"}],
                 "containerDefinitions": [
                   {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
                    "portMappings": [{"containerPort": 8080}],
                    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"}},
                    "secrets": [{"name": "DB", "valueFrom": "arn:aws:secretsmanager:us-east-1:000000000000:secret:db"}],
                    "healthCheck": {"command": ["CMD", "true"]},
                    "dependsOn": [{"containerName": "side", "condition": "HEALTHY"}]},
                   {"name": "side", "image": "busybox", "essential": false,
                    "healthCheck": {"command": ["CMD", "true"]}}]}""");
        TaskDefinitionValidator.validate(request);
        TaskDefinition definition = factory.create(request, 4, Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(definition.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/web:4");
        assertThat(definition.revision()).isEqualTo(4);
        assertThat(definition.status()).isEqualTo("ACTIVE");
        assertThat(definition.cpu()).isEqualTo("1024");
        assertThat(definition.memory()).isEqualTo("2048");
        assertThat(definition.registeredAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(definition.compatibilities()).containsExactly("EC2", "FARGATE");
        assertThat(definition.volumes().get(0).host()).as("a bind volume without host path").isNotNull();
        assertThat(definition.placementConstraints()).isEmpty();
        assertThat(definition.requiresAttributes()).extracting(a -> a.name()).containsExactly(
                "com.amazonaws.ecs.capability.docker-remote-api.1.18", "ecs.capability.task-eni",
                "com.amazonaws.ecs.capability.ecr-auth", "ecs.capability.execution-role-ecr-pull",
                "com.amazonaws.ecs.capability.logging-driver.awslogs",
                "com.amazonaws.ecs.capability.docker-remote-api.1.19", "ecs.capability.execution-role-awslogs",
                "ecs.capability.container-health-check", "ecs.capability.container-ordering",
                "ecs.capability.secrets.asm.environment-variables");
        ContainerDefinition app = definition.containerDefinitions().get(0);
        assertThat(app.cpu()).isZero();
        assertThat(app.essential()).isTrue();
        assertThat(app.environment()).isEmpty();
        assertThat(app.mountPoints()).isEmpty();
        assertThat(app.volumesFrom()).isEmpty();
        assertThat(app.portMappings().get(0).hostPort()).as("awsvpc host port = container port").isEqualTo(8080);
        assertThat(app.portMappings().get(0).protocol()).isEqualTo("tcp");
        assertThat(definition.containerDefinitions().get(1).essential()).isFalse();
    }

    @Test
    void bridgeModeLeavesHostPortsDynamic() throws Exception {
        TaskDefinition definition = factory.create(request("""
                {"family": "b", "containerDefinitions": [{"name": "a", "image": "i", "memory": 32,
                 "portMappings": [{"containerPort": 80}]}]}"""), 1, Instant.EPOCH);
        assertThat(definition.containerDefinitions().get(0).portMappings().get(0).hostPort()).isNull();
        assertThat(definition.containerDefinitions().get(0).healthCheck()).as("no health check stays absent").isNull();
        assertThat(definition.requiresAttributes()).isEmpty();
    }

    @ParameterizedTest(name = "networkMode {0}")
    @ValueSource(strings = {"bridge", "host", "none", ""})
    void everyModeButAwsvpcIsExternalAndEc2(String mode) throws Exception {
        String networkMode = mode.isEmpty() ? "" : "\"networkMode\": \"" + mode + "\", ";
        TaskDefinition definition = factory.create(request("{\"family\": \"b\", " + networkMode
                + "\"containerDefinitions\": [{\"name\": \"a\", \"image\": \"i\", \"memory\": 32}]}"),
                1, Instant.EPOCH);
        assertThat(definition.compatibilities()).containsExactly("EXTERNAL", "EC2");
    }

    @Test
    void awsvpcWithoutFargateSizesOrBreakingAFargateRuleIsEc2Only() throws Exception {
        TaskDefinition unsized = factory.create(request("""
                {"family": "v", "networkMode": "awsvpc",
                 "containerDefinitions": [{"name": "a", "image": "i", "memory": 32}]}"""), 1, Instant.EPOCH);
        TaskDefinition pidHost = factory.create(request("""
                {"family": "v", "networkMode": "awsvpc", "cpu": "256", "memory": "512", "pidMode": "host",
                 "containerDefinitions": [{"name": "a", "image": "i"}]}"""), 1, Instant.EPOCH);
        TaskDefinition privileged = factory.create(request("""
                {"family": "v", "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "a", "image": "i", "privileged": true}]}"""), 1, Instant.EPOCH);

        assertThat(unsized.compatibilities()).containsExactly("EC2");
        assertThat(pidHost.compatibilities()).containsExactly("EC2");
        assertThat(privileged.compatibilities()).containsExactly("EC2");
    }

    @Test
    void healthCheckGivenOnlyACommandGetsEcsTimingsButNoStartPeriod() throws Exception {
        TaskDefinition definition = factory.create(request("""
                {"family": "h", "containerDefinitions": [
                  {"name": "a", "image": "i", "memory": 32, "healthCheck": {"command": ["CMD", "true"]}},
                  {"name": "b", "image": "i", "memory": 32, "healthCheck": {"command": ["CMD", "true"],
                   "interval": 10, "timeout": 2, "retries": 7, "startPeriod": 15}}]}"""), 1, Instant.EPOCH);

        HealthCheck filled = definition.containerDefinitions().get(0).healthCheck();
        assertThat(filled.command()).containsExactly("CMD", "true");
        assertThat(filled.interval()).isEqualTo(30);
        assertThat(filled.timeout()).isEqualTo(5);
        assertThat(filled.retries()).isEqualTo(3);
        assertThat(filled.startPeriod()).isNull();
        assertThat(definition.containerDefinitions().get(1).healthCheck())
                .isEqualTo(new HealthCheck(List.of("CMD", "true"), 10, 2, 7, 15));
    }

    @Test
    void enableFaultInjectionIsFalseUnlessSet() throws Exception {
        String containers = "\"containerDefinitions\": [{\"name\": \"a\", \"image\": \"i\", \"memory\": 32}]";
        assertThat(factory.create(request("{\"family\": \"f\", " + containers + "}"), 1, Instant.EPOCH)
                .enableFaultInjection()).isFalse();
        assertThat(factory.create(request("{\"family\": \"f\", \"enableFaultInjection\": true, " + containers + "}"),
                1, Instant.EPOCH).enableFaultInjection()).isTrue();
    }

    @Test
    void nestedVolumeDefaultsAreThoseEcsAnswers() throws Exception {
        TaskDefinition definition = factory.create(request("""
                {"family": "v", "containerDefinitions": [{"name": "a", "image": "i", "memory": 32}],
                 "volumes": [
                   {"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-1"}},
                   {"name": "efs-sub", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "rootDirectory": "/data",
                    "transitEncryption": "ENABLED"}},
                   {"name": "docker", "dockerVolumeConfiguration": {}},
                   {"name": "shared", "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true,
                    "driver": "rexray/ebs"}},
                   {"name": "bind", "host": {"sourcePath": "/srv"}}]}"""), 1, Instant.EPOCH);

        EFSVolumeConfiguration efs = definition.volumes().get(0).efsVolumeConfiguration();
        assertThat(efs.rootDirectory()).isEqualTo("/");
        assertThat(efs.transitEncryption()).as("ECS leaves transitEncryption absent (Terraform compares it)").isNull();
        assertThat(efs.transitEncryptionPort()).isNull();
        assertThat(efs.authorizationConfig()).isNull();
        assertThat(definition.volumes().get(1).efsVolumeConfiguration().rootDirectory()).isEqualTo("/data");
        assertThat(definition.volumes().get(1).efsVolumeConfiguration().transitEncryption()).isEqualTo("ENABLED");
        DockerVolumeConfiguration docker = definition.volumes().get(2).dockerVolumeConfiguration();
        assertThat(docker.scope()).isEqualTo("task");
        assertThat(docker.driver()).isEqualTo("local");
        assertThat(docker.autoprovision()).isNull();
        DockerVolumeConfiguration shared = definition.volumes().get(3).dockerVolumeConfiguration();
        assertThat(shared.scope()).isEqualTo("shared");
        assertThat(shared.driver()).isEqualTo("rexray/ebs");
        assertThat(shared.autoprovision()).isTrue();
        assertThat(definition.volumes().get(0).host()).as("an EFS volume is not a bind mount").isNull();
        assertThat(definition.volumes().get(4).host().sourcePath()).isEqualTo("/srv");
    }

    @Test
    void taskSizesReadAsEcsReadsThem() {
        assertThat(TaskSize.cpuUnits("0.25 vCPU")).hasValue(256);
        assertThat(TaskSize.cpuUnits("2 vcpu")).hasValue(2048);
        assertThat(TaskSize.cpuUnits("512")).hasValue(512);
        assertThat(TaskSize.memoryMiB("0.5 GB")).hasValue(512);
        assertThat(TaskSize.memoryMiB("3072")).hasValue(3072);
        assertThatThrownBy(() -> TaskSize.cpuUnits("fast")).isInstanceOf(EcsException.class);
        assertThatThrownBy(() -> TaskSize.memoryMiB("-5")).isInstanceOf(EcsException.class);

        assertThat(TaskSize.fargateSupports(256, 512)).isTrue();
        assertThat(TaskSize.fargateSupports(256, 1536)).isFalse();
        assertThat(TaskSize.fargateSupports(1024, 8192)).isTrue();
        assertThat(TaskSize.fargateSupports(1024, 9216)).isFalse();
        assertThat(TaskSize.fargateSupports(8192, 20480)).isTrue();
        assertThat(TaskSize.fargateSupports(8192, 18432)).isFalse();
        assertThat(TaskSize.fargateSupports(300, 1024)).isFalse();
    }
}
