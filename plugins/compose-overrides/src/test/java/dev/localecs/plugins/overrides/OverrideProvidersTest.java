package dev.localecs.plugins.overrides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.TaskLaunch;
import dev.localecs.api.compose.ComposeFragment;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import dev.localecs.testing.FakePluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in compose override providers, each on a converted task file of two containers and a pause. */
class OverrideProvidersTest {
    private static final String TASK_FILE = """
            services:
              app:
                image: busybox
                labels: {%s: "arn:aws:ecs:us-east-1:000000000000:task/default/t"}
              side:
                image: busybox
                network_mode: "service:pause"
                labels: {%s: "arn:aws:ecs:us-east-1:000000000000:task/default/t"}
              pause:
                image: pause
                labels: {%s: "true"}
            """.formatted(EcsLabels.TASK_ARN, EcsLabels.TASK_ARN, EcsLabels.PAUSE);
    private final FakePluginContext context = new FakePluginContext();
    @TempDir
    Path temp;

    private TaskLaunch launch(String overridesJson, String taskRole) throws Exception {
        TaskDefinition definition = context.json().convertValue(Map.of("family", "web-app", "revision", 3,
                "containerDefinitions", List.of(Map.of("name", "app", "image", "busybox", "memory", 64),
                        Map.of("name", "side", "image", "busybox")),
                "taskRoleArn", taskRole == null ? "" : taskRole), TaskDefinition.class);
        if (taskRole == null) {
            definition = context.json().convertValue(context.json().valueToTree(definition)
                    .<ObjectNode>require().without("taskRoleArn"),
                    TaskDefinition.class);
        }
        Optional<TaskOverride> overrides = overridesJson == null ? Optional.empty()
                : Optional.of(context.json().readValue(overridesJson, TaskOverride.class));
        ComposeProject taskFile = context.composeFiles().parse(TASK_FILE, "task file");
        return new TaskLaunch("ecs-web-app-t", "t", "prod", definition, overrides, taskFile, "endpoint-id");
    }

    private static ComposeService service(List<ComposeFragment> fragments, String name) {
        assertThat(fragments).hasSize(1);
        return fragments.get(0).project().services().get(name);
    }

    @Test
    void runTaskOverridesBecomeOneFragmentOfTheNamedContainersAndTheTaskLimits() throws Exception {
        RunTaskOverrideProvider provider = new RunTaskOverrideProvider();
        assertThat(provider.fragments(launch(null, null))).isEmpty();

        List<ComposeFragment> fragments = provider.fragments(launch("""
                {"containerOverrides": [{"name": "app", "command": ["sh", "-c", "echo hi"],
                  "environment": [{"name": "STEP", "value": "override"}], "cpu": 1, "memoryReservation": 32,
                  "environmentFiles": [{"value": "arn:aws:s3:::bucket/app.env", "type": "s3"}]}],
                 "cpu": "2048", "memory": "4096", "taskRoleArn": "arn:aws:iam::000000000000:role/override"}""", null));
        ComposeService app = service(fragments, "app");
        assertThat(app.command()).containsExactly("sh", "-c", "echo hi");
        assertThat(app.environment()).containsEntry("STEP", "override");
        assertThat(app.cpuShares()).as("ECS's minimum of 2 shares").isEqualTo(2);
        assertThat(app.memReservation()).isEqualTo("32m");
        assertThat(app.cpus()).isEqualTo(2.0);
        assertThat(app.memLimit()).as("its own memory wins over the task's").isNull();
        assertThat(app.labels()).containsEntry(EcsLabels.TASK_ROLE_ARN, "arn:aws:iam::000000000000:role/override")
                .containsEntry(EcsLabels.ENVIRONMENT_FILE_PREFIX + "override.0", "arn:aws:s3:::bucket/app.env");
        ComposeService side = fragments.get(0).project().services().get("side");
        assertThat(side.memLimit()).isEqualTo("4096m");
        ComposeService pause = fragments.get(0).project().services().get("pause");
        assertThat(pause.cpus()).as("the pause container keeps no task limits").isNull();
        assertThat(pause.labels()).containsKey(EcsLabels.TASK_ROLE_ARN);
    }

    @Test
    void theTaskNetworkJoinsNetworkedServicesAndGivesEndpointEnvironment() throws Exception {
        context.config("network.name", "team-net");
        List<ComposeFragment> fragments = new TaskNetworkProvider(context).fragments(launch(null,
                "arn:aws:iam::000000000000:role/app"));
        ComposeService app = service(fragments, "app");
        assertThat(app.networks()).containsOnlyKeys("team-net");
        assertThat(app.environment())
                .containsEntry("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/endpoint-id")
                .containsEntry("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/endpoint-id.app")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_EXECUTION_ENV", "AWS_ECS_EC2");
        ComposeService side = fragments.get(0).project().services().get("side");
        assertThat(side.networks()).as("it shares the pause namespace").isNull();
        assertThat(side.environment()).containsKey("ECS_CONTAINER_METADATA_URI");
        assertThat(fragments.get(0).project().networks().get("team-net").external()).isTrue();
        assertThat(fragments.get(0).project().services().get("pause").environment()).isNull();

        ComposeService withoutRole = service(new TaskNetworkProvider(context).fragments(launch(null, null)), "app");
        assertThat(withoutRole.environment()).doesNotContainKey("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");

        context.config("endpoint.host", "169.254.171.2");
        ComposeService elsewhere = service(new TaskNetworkProvider(context).fragments(launch(null, null)), "app");
        assertThat(elsewhere.environment())
                .containsEntry("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.171.2/v4/endpoint-id.app");
    }

    @Test
    void externalNetworksAreJoinedOnlyWhenConfigured() throws Exception {
        assertThat(new ExternalNetworksProvider(context).fragments(launch(null, null))).isEmpty();
        context.config("network.external", "apps, db");
        ComposeService app = service(new ExternalNetworksProvider(context).fragments(launch(null, null)), "app");
        assertThat(app.networks()).containsOnlyKeys("apps", "db");
    }

    @Test
    void dropInFilesMatchingThePatternsApplyInNameOrder() throws Exception {
        Files.writeString(temp.resolve("b.web-app.yml"), "services:\n  app:\n    environment: {FROM: b}\n");
        Files.writeString(temp.resolve("a.web-app-v3.yml"), "services:\n  app:\n    environment: {FROM: a}\n");
        Files.writeString(temp.resolve("c.other.yml"), "services:\n  app:\n    image: other\n");
        context.config("compose.overrides.dirs", temp.toString())
                .config("compose.overrides.patterns", "*.{family}.yml,*.{family}-v{revision}.yml");
        List<ComposeFragment> fragments = new DropInOverrideProvider(context).fragments(launch(null, null));
        assertThat(fragments).extracting(ComposeFragment::name)
                .containsExactly("drop-in.a.web-app-v3", "drop-in.b.web-app");
        assertThat(fragments.get(1).source()).hasValue(temp.resolve("b.web-app.yml"));

        context.config("compose.overrides.patterns", "../*.yml");
        assertThatThrownBy(() -> new DropInOverrideProvider(context)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("compose.overrides.patterns");
    }
}
