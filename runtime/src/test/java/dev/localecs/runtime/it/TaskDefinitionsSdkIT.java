package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.Volume;

/** The task-definition registry driven by the AWS SDK for Java v2 EcsClient, across a restart. */
class TaskDefinitionsSdkIT extends RuntimeTestBase {
    private RegisterTaskDefinitionResponse register(String family, String image) {
        return runtime.ecs().registerTaskDefinition(r -> r
                .family(family)
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilitiesWithStrings("FARGATE")
                .cpu("0.5 vCPU")
                .memory("1 GB")
                .taskRoleArn("arn:aws:iam::000000000000:role/app")
                .tags(t -> t.key("team").value("payments"))
                .containerDefinitions(ContainerDefinition.builder()
                        .name("web").image(image)
                        .portMappings(PortMapping.builder().containerPort(8080).build())
                        .build()));
    }

    @Test
    void registersRevisionsDescribesThemThreeWaysListsPagesDeregistersAndKeepsThemAcrossRestart() {
        TaskDefinition first = register("web", "nginx:1").taskDefinition();
        TaskDefinition second = register("web", "nginx:2").taskDefinition();

        assertThat(first.revision()).isEqualTo(1);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/web:2");
        assertThat(second.statusAsString()).isEqualTo("ACTIVE");
        assertThat(second.cpu()).isEqualTo("512");
        assertThat(second.memory()).isEqualTo("1024");
        assertThat(second.compatibilitiesAsStrings()).containsExactly("EC2", "FARGATE");
        assertThat(second.registeredAt()).isNotNull();
        assertThat(second.registeredBy()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(second.requiresAttributes()).extracting(a -> a.name())
                .contains("ecs.capability.task-eni", "com.amazonaws.ecs.capability.task-iam-role");
        ContainerDefinition web = second.containerDefinitions().get(0);
        assertThat(web.essential()).isTrue();
        assertThat(web.cpu()).isZero();
        assertThat(web.portMappings().get(0).hostPort()).isEqualTo(8080);
        assertThat(web.portMappings().get(0).protocolAsString()).isEqualTo("tcp");

        DescribeTaskDefinitionResponse byFamily = runtime.ecs().describeTaskDefinition(r -> r
                .taskDefinition("web").include(TaskDefinitionField.TAGS));
        assertThat(byFamily.taskDefinition().revision()).isEqualTo(2);
        assertThat(byFamily.tags()).singleElement().satisfies(tag -> {
            assertThat(tag.key()).isEqualTo("team");
            assertThat(tag.value()).isEqualTo("payments");
        });
        assertThat(runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("web:1")).taskDefinition()
                .containerDefinitions().get(0).image()).isEqualTo("nginx:1");
        assertThat(runtime.ecs().describeTaskDefinition(r -> r.taskDefinition(first.taskDefinitionArn()))
                .taskDefinition().revision()).isEqualTo(1);
        assertThat(runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("web:1")).tags()).isEmpty();

        register("worker", "busybox");
        assertThat(listAll(1)).containsExactly(
                "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1",
                "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2",
                "arn:aws:ecs:us-east-1:000000000000:task-definition/worker:1");
        assertThat(runtime.ecs().listTaskDefinitionsPaginator(r -> r.familyPrefix("web").sort("DESC").maxResults(1))
                .taskDefinitionArns().stream().toList())
                .containsExactly(second.taskDefinitionArn(), first.taskDefinitionArn());

        TaskDefinition deregistered = runtime.ecs().deregisterTaskDefinition(r -> r.taskDefinition("web:2"))
                .taskDefinition();
        assertThat(deregistered.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(deregistered.deregisteredAt()).isNotNull();
        assertThat(runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition().revision())
                .as("the family alone names the latest ACTIVE revision").isEqualTo(1);
        assertThat(runtime.ecs().listTaskDefinitions(r -> r.status(TaskDefinitionStatus.INACTIVE))
                .taskDefinitionArns()).containsExactly(second.taskDefinitionArn());

        runtime.restart();

        assertThat(runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("web:2")).taskDefinition().status())
                .isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("web:2")
                .include(TaskDefinitionField.TAGS)).tags()).extracting(t -> t.key()).containsExactly("team");
        assertThat(listAll(2)).hasSize(2);
        assertThat(register("web", "nginx:3").taskDefinition().revision())
                .as("revisions keep counting after a restart").isEqualTo(3);
        assertThat(runtime.ecs().listTaskDefinitionFamilies(r -> r.familyPrefix("w")).families())
                .containsExactly("web", "worker");
    }

    @Test
    void deletesOnlyInactiveRevisionsAndNeverReusesTheirNumbers() {
        register("api", "img:1");
        register("api", "img:2");
        var response = runtime.ecs().deleteTaskDefinitions(r -> r.taskDefinitions("api:1"));
        assertThat(response.taskDefinitions()).isEmpty();
        assertThat(response.failures()).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("The specified task definition is still in ACTIVE status. Please deregister the target "
                        + "and try again."));

        runtime.ecs().deregisterTaskDefinition(r -> r.taskDefinition("api:2"));
        var deleted = runtime.ecs().deleteTaskDefinitions(r -> r.taskDefinitions("api:2", "api:9"));
        assertThat(deleted.taskDefinitions()).singleElement()
                .satisfies(d -> assertThat(d.statusAsString()).isEqualTo("DELETE_IN_PROGRESS"));
        assertThat(deleted.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo("api:9");
            assertThat(f.reason()).isEqualTo("The specified task definition does not exist. Specify a valid account, "
                    + "family, revision and try again.");
        });
        assertThat(runtime.ecs().listTaskDefinitions(r -> r.familyPrefix("api")).taskDefinitionArns())
                .containsExactly("arn:aws:ecs:us-east-1:000000000000:task-definition/api:1");
        assertThat(register("api", "img:3").taskDefinition().revision()).isEqualTo(3);
    }

    @Test
    void defaultsEcsFillsComeBackOverTheWire() {
        runtime.ecs().registerTaskDefinition(r -> r.family("filled")
                .volumes(Volume.builder().name("shared").efsVolumeConfiguration(e -> e.fileSystemId("fs-1")).build(),
                        Volume.builder().name("cache").dockerVolumeConfiguration(d -> d.autoprovision(null)).build())
                .containerDefinitions(ContainerDefinition.builder().name("app").image("busybox").memory(64)
                        .healthCheck(h -> h.command("CMD-SHELL", "true")).build()));

        TaskDefinition described = runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("filled"))
                .taskDefinition();

        HealthCheck check = described.containerDefinitions().get(0).healthCheck();
        assertThat(check.interval()).isEqualTo(30);
        assertThat(check.timeout()).isEqualTo(5);
        assertThat(check.retries()).isEqualTo(3);
        assertThat(check.startPeriod()).isNull();
        assertThat(described.enableFaultInjection()).isFalse();
        assertThat(described.compatibilitiesAsStrings()).containsExactly("EXTERNAL", "EC2");
        assertThat(described.volumes().get(0).efsVolumeConfiguration().rootDirectory()).isEqualTo("/");
        assertThat(described.volumes().get(0).efsVolumeConfiguration().transitEncryption()).isNull();
        assertThat(described.volumes().get(1).dockerVolumeConfiguration().scopeAsString()).isEqualTo("task");
        assertThat(described.volumes().get(1).dockerVolumeConfiguration().driver()).isEqualTo("local");
    }

    @Test
    void fargateRulesAndMissingMembersAreEcsClientExceptions() {
        assertClientException(() -> runtime.ecs().registerTaskDefinition(r -> r.family("pid")
                        .requiresCompatibilitiesWithStrings("FARGATE").networkMode(NetworkMode.AWSVPC).cpu("256")
                        .memory("512").pidMode("host")
                        .containerDefinitions(ContainerDefinition.builder().name("a").image("busybox").build())),
                "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode "
                        + "is 'task'.");
        assertClientException(() -> runtime.ecs().registerTaskDefinition(r -> r.family("priv")
                        .requiresCompatibilitiesWithStrings("FARGATE").networkMode(NetworkMode.AWSVPC).cpu("256")
                        .memory("512").containerDefinitions(ContainerDefinition.builder().name("a").image("busybox")
                                .privileged(true).build())),
                "Fargate requires that the 'privileged' setting be 'false' at the container level.");
        assertClientException(() -> runtime.ecs().registerTaskDefinition(r -> r
                        .containerDefinitions(ContainerDefinition.builder().name("a").image("busybox").memory(8).build())),
                "Family can not be blank.");
        assertClientException(() -> runtime.ecs().registerTaskDefinition(r -> r.family("empty")),
                "Container list cannot be empty.");
        assertThat(runtime.ecs().listTaskDefinitionFamilies(r -> r.status("ALL")).families()).isEmpty();
    }

    @Test
    void deregisterAndDeleteRefuseBadReferencesInEcsWords() {
        register("ref", "img:1");
        assertClientException(() -> runtime.ecs().deregisterTaskDefinition(r -> r.taskDefinition("ref")),
                "Revision is missing.");
        assertThatThrownBy(() -> runtime.ecs().deregisterTaskDefinition(r -> r.taskDefinition("ref:foo")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Invalid revision number. Number: foo"));
        assertClientException(() -> runtime.ecs().deregisterTaskDefinition(r -> r.taskDefinition("ref:7")),
                "The specified task definition does not exist.");

        var response = runtime.ecs().deleteTaskDefinitions(r -> r.taskDefinitions("ref", "ref:x"));
        assertThat(response.failures()).extracting(f -> f.arn() + " " + f.reason()).containsExactly(
                "ref The specified task definition identifier is invalid. Specify a valid name or ARN and try again.",
                "ref:x The specified task definition identifier is invalid. Specify a valid name or ARN and try again.");
    }

    private static void assertClientException(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                                              String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ClientException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message));
    }

    @Test
    void unknownDefinitionIsTheClientExceptionEcsGives() {
        assertThatThrownBy(() -> runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("nope:4")))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("Unable to describe task definition.");
    }

    private List<String> listAll(int pageSize) {
        List<String> arns = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListTaskDefinitionsResponse page = runtime.ecs().listTaskDefinitions(r -> r.maxResults(pageSize)
                    .nextToken(next));
            assertThat(page.taskDefinitionArns()).hasSizeLessThanOrEqualTo(pageSize);
            arns.addAll(page.taskDefinitionArns());
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 50);
        return arns;
    }
}
