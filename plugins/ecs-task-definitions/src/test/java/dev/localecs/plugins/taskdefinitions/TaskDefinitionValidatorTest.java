package dev.localecs.plugins.taskdefinitions;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RegisterTaskDefinition's refusals, with ECS's codes and texts, on requests as clients send them. */
class TaskDefinitionValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String FARGATE = "\"requiresCompatibilities\": [\"FARGATE\"], \"networkMode\": \"awsvpc\", "
            + "\"cpu\": \"256\", \"memory\": \"512\", \"executionRoleArn\": \"arn:aws:iam::000000000000:role/exec\"";

    private static RegisterTaskDefinitionRequest request(String body) throws Exception {
        return JSON.readValue(body, RegisterTaskDefinitionRequest.class);
    }

    /** A Fargate definition with one task-level member and one container member added. */
    private static String fargate(String task, String container) {
        return "{\"family\": \"f\", " + FARGATE + task + ", \"containerDefinitions\": [{\"name\": \"app\", "
                + "\"image\": \"busybox\"" + container + "}]}";
    }

    private static void refused(String body, String message) throws Exception {
        RegisterTaskDefinitionRequest request = request(body);
        assertThatThrownBy(() -> TaskDefinitionValidator.validate(request))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_EXCEPTION);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void missingOrBlankFamilyIsEcsClientException() throws Exception {
        String containers = "\"containerDefinitions\": [{\"name\": \"a\", \"image\": \"b\", \"memory\": 64}]";
        refused("{" + containers + "}", "Family can not be blank.");
        refused("{\"family\": null, " + containers + "}", "Family can not be blank.");
        refused("{\"family\": \"  \", " + containers + "}", "Family can not be blank.");
    }

    @Test
    void missingContainerDefinitionsIsEcsClientException() throws Exception {
        refused("{\"family\": \"a\"}", "Container list cannot be empty.");
        refused("{\"family\": \"a\", \"containerDefinitions\": null}", "Container list cannot be empty.");
        refused("{\"family\": \"a\", \"containerDefinitions\": []}", "Container list cannot be empty.");
    }

    static Stream<Arguments> fargateRules() {
        String unsupported = "Fargate compatible task definitions do not support ";
        return Stream.of(
                Arguments.of(", \"pidMode\": \"host\"", "",
                        "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for "
                                + "pidMode is 'task'."),
                Arguments.of(", \"ipcMode\": \"task\"", "", unsupported + "ipcMode"),
                Arguments.of(", \"ipcMode\": \"host\"", "", unsupported + "ipcMode"),
                Arguments.of(", \"placementConstraints\": [{\"type\": \"memberOf\", "
                        + "\"expression\": \"attribute:ecs.os-type == linux\"}]", "", unsupported + "constraints"),
                Arguments.of(", \"volumes\": [{\"name\": \"d\", \"dockerVolumeConfiguration\": {\"scope\": \"task\"}}]",
                        "", unsupported + "dockerVolumeConfiguration"),
                Arguments.of(", \"volumes\": [{\"name\": \"h\", \"host\": {\"sourcePath\": \"/srv\"}}]", "",
                        unsupported + "sourcePath"),
                Arguments.of("", ", \"privileged\": true",
                        "Fargate requires that the 'privileged' setting be 'false' at the container level."),
                Arguments.of("", ", \"dockerSecurityOptions\": [\"no-new-privileges\"]",
                        unsupported + "dockerSecurityOptions"),
                Arguments.of("", ", \"resourceRequirements\": [{\"type\": \"GPU\", \"value\": \"1\"}]",
                        "Tasks using the Fargate launch type do not support GPU resource requirements."),
                Arguments.of("", ", \"linuxParameters\": {\"devices\": [{\"hostPath\": \"/dev/fuse\"}]}",
                        unsupported + "devices"),
                Arguments.of("", ", \"linuxParameters\": {\"sharedMemorySize\": 64}", unsupported + "sharedMemorySize"),
                Arguments.of("", ", \"linuxParameters\": {\"tmpfs\": [{\"containerPath\": \"/t\", \"size\": 8}]}",
                        unsupported + "tmpfs"),
                Arguments.of("", ", \"linuxParameters\": {\"maxSwap\": 0}", unsupported + "maxSwap"),
                Arguments.of("", ", \"linuxParameters\": {\"swappiness\": 10}", unsupported + "swappiness"),
                Arguments.of("", ", \"linuxParameters\": {\"capabilities\": {\"add\": [\"SYS_PTRACE\", \"NET_ADMIN\"]}}",
                        "NET_ADMIN is not allowed on Fargate."),
                Arguments.of("", ", \"logConfiguration\": {\"logDriver\": \"json-file\"}",
                        "json-file is not a valid log driver. Must be one of [awslogs,splunk,awsfirelens]"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("fargateRules")
    void fargateRefusesWhatFargateCannotRun(String task, String container, String message) throws Exception {
        refused(fargate(task, container), message);
    }

    @Test
    void awslogsOnFargateNeedsAnExecutionRole() throws Exception {
        refused("{\"family\": \"f\", \"requiresCompatibilities\": [\"FARGATE\"], \"networkMode\": \"awsvpc\", "
                        + "\"cpu\": \"256\", \"memory\": \"512\", \"containerDefinitions\": [{\"name\": \"app\", "
                        + "\"image\": \"busybox\", \"logConfiguration\": {\"logDriver\": \"awslogs\"}}]}",
                "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
    }

    @Test
    void fargateTakesWhatFargateAllows() throws Exception {
        RegisterTaskDefinitionRequest request = request(fargate(
                ", \"pidMode\": \"task\", \"volumes\": [{\"name\": \"scratch\"}, {\"name\": \"e\", "
                        + "\"efsVolumeConfiguration\": {\"fileSystemId\": \"fs-1\"}}]",
                ", \"linuxParameters\": {\"capabilities\": {\"add\": [\"SYS_PTRACE\"], \"drop\": [\"NET_RAW\"]}, "
                        + "\"initProcessEnabled\": true}, \"privileged\": false, "
                        + "\"logConfiguration\": {\"logDriver\": \"awslogs\"}, "
                        + "\"resourceRequirements\": [{\"type\": \"InferenceAccelerator\", \"value\": \"x\"}]"));

        assertThatCode(() -> TaskDefinitionValidator.validate(request)).doesNotThrowAnyException();
    }

    @Test
    void theSameMembersAreFineOnEc2() throws Exception {
        RegisterTaskDefinitionRequest request = request("""
                {"family": "e", "requiresCompatibilities": ["EC2"], "pidMode": "host", "ipcMode": "host",
                 "volumes": [{"name": "h", "host": {"sourcePath": "/srv"}}, {"name": "d",
                   "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true}}],
                 "containerDefinitions": [{"name": "a", "image": "b", "memory": 64, "privileged": true,
                   "linuxParameters": {"capabilities": {"add": ["NET_ADMIN"]}, "devices": [{"hostPath": "/dev/fuse"}],
                   "sharedMemorySize": 64}, "logConfiguration": {"logDriver": "json-file"}}]}""");

        assertThatCode(() -> TaskDefinitionValidator.validate(request)).doesNotThrowAnyException();
    }

    static Stream<Arguments> awsvpcRules() {
        return Stream.of(
                Arguments.of(", \"hostname\": \"web\"", "hostname is not supported on container when networkMode=awsvpc."),
                Arguments.of(", \"dnsServers\": [\"10.0.0.2\"]",
                        "DNS servers are not supported on container when networkMode=awsvpc."),
                Arguments.of(", \"dnsSearchDomains\": [\"corp\"]",
                        "DNS search domains are not supported on container when networkMode=awsvpc."),
                Arguments.of(", \"extraHosts\": [{\"hostname\": \"db\", \"ipAddress\": \"10.0.0.9\"}]",
                        "Extra hosts are not supported on container when networkMode=awsvpc."),
                Arguments.of(", \"disableNetworking\": true",
                        "Disable Networking is not supported on container when networkMode=awsvpc."));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("awsvpcRules")
    void awsvpcRefusesPerContainerNetworkSettingsOnEveryLaunchType(String container, String message) throws Exception {
        refused(fargate("", container), message);
        refused("{\"family\": \"v\", \"networkMode\": \"awsvpc\", \"containerDefinitions\": [{\"name\": \"app\", "
                + "\"image\": \"busybox\", \"memory\": 64" + container + "}]}", message);
    }

    @Test
    void awsvpcRefusesLinks() throws Exception {
        refused("{\"family\": \"v\", \"networkMode\": \"awsvpc\", \"containerDefinitions\": ["
                + "{\"name\": \"db\", \"image\": \"busybox\", \"memory\": 64}, "
                + "{\"name\": \"app\", \"image\": \"busybox\", \"memory\": 64, \"links\": [\"db\"]}]}",
                "Links are not supported when networkMode=awsvpc.");
    }
}
