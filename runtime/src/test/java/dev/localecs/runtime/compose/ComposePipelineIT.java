package dev.localecs.runtime.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.TaskOverrides;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import dev.localecs.runtime.it.RuntimeFixture;
import dev.localecs.api.EcsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline with the real override providers (plugin {@code compose-overrides}): RunTask overrides,
 * task network, external networks and drop-in files, merged and written; the merged result is compared with
 * what {@code docker-compose -f … config} makes of the same files.
 */
class ComposePipelineIT {
    private static final String TASK_ID = "00000000000000000000000000000abc";
    private static final String ENDPOINT_ID = "11111111111111111111111111111111";
    @TempDir
    Path temp;

    private RuntimeFixture start(Map<String, String> extra) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("compose.dest", Files.createDirectories(temp.resolve("dest")).toString());
        config.putAll(extra);
        return RuntimeFixture.start(Files.createDirectories(temp.resolve("state")), config);
    }

    private static Optional<TaskOverride> typed(JsonNode overrides) throws Exception {
        return Optional.of(EcsJson.create().treeToValue(overrides, TaskOverride.class));
    }

    private static TaskDefinition definition(String json) throws Exception {
        return EcsJson.create().readValue(json, TaskDefinition.class);
    }

    private static final String WEB_APP = """
            {"family": "web-app", "revision": 2, "taskRoleArn": "arn:aws:iam::000000000000:role/app",
             "containerDefinitions": [
               {"name": "web", "image": "nginx", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 8080}],
                "environment": [{"name": "STEP", "value": "task"}]},
               {"name": "worker", "image": "busybox", "command": ["sleep", "1"], "essential": false, "memory": 64}]}""";

    @Test
    void dropInFilesApplyByFamilyRevisionSeedStyleAndClusterInNameOrder() throws Exception {
        Path drops = Files.createDirectories(temp.resolve("drops"));
        for (String name : List.of("10-o.web-app.yml", "20-o.web-app-v2.yml", "30-o.web_app-v2.yml", "40-o.prod.yml",
                "50-o.web-app-v3.yml", "60-o.other.yml", "70-o.web-app.yaml")) {
            String step = name.substring(0, 2);
            Files.writeString(drops.resolve(name), "services:\n  web:\n    environment: {STEP: '" + step + "'}\n"
                    + "    labels: {step" + step + ": applied}\n");
        }
        try (RuntimeFixture runtime = start(Map.of("compose.overrides.dirs", drops.toString(),
                "compose.overrides.patterns", "*.{family}.yml,*.{family}-v{revision}.yml,*.{family_}-v{revision}.yml,"
                        + "*.{cluster}.yml"))) {
            ComposedTask task = runtime.composer().compose(definition(WEB_APP), TASK_ID, "prod", Optional.empty(), ENDPOINT_ID,
                    temp.resolve("out"));

            ComposeService web = task.effective().services().get("web");
            assertThat(web.environment()).containsEntry("STEP", "40");
            assertThat(web.labels()).containsKeys("step10", "step20", "step30", "step40")
                    .doesNotContainKeys("step50", "step60", "step70");
            assertThat(task.files()).extracting(f -> f.getFileName().toString()).containsExactly(
                    "docker-compose.ecs-local.task.yml",
                    "docker-compose.ecs-local.task-network-override.yml",
                    "docker-compose.ecs-local.drop-in.10-o.web-app.yml",
                    "docker-compose.ecs-local.drop-in.20-o.web-app-v2.yml",
                    "docker-compose.ecs-local.drop-in.30-o.web_app-v2.yml",
                    "docker-compose.ecs-local.drop-in.40-o.prod.yml",
                    "docker-compose.ecs-local.effective.yml");
            assertThat(Files.readString(task.files().get(2))).startsWith("# local-ecs-api: web-app:2, copy of "
                    + drops.resolve("10-o.web-app.yml"));
        }
    }

    @Test
    void seedConventionWorksWithDefaultsInComposeDest() throws Exception {
        try (RuntimeFixture runtime = start(Map.of())) {
            Path dest = temp.resolve("dest");
            Files.writeString(dest.resolve("docker-compose.web_app-v2.yml"), "services:\n  web:\n    image: nginx:seed\n");
            ComposedTask task = runtime.composer().compose(definition(WEB_APP), TASK_ID, "default", Optional.empty(), ENDPOINT_ID,
                    TaskComposer.projectDirectory(dest, "ecs-web-app-" + TASK_ID));
            assertThat(task.effective().services().get("web").image()).isEqualTo("nginx:seed");
            assertThat(task.directory()).isEqualTo(dest.resolve("ecs-web-app-" + TASK_ID));
        }
    }

    @Test
    void unknownKeyInADropInNamesTheFileAndTheKey() throws Exception {
        Path drops = Files.createDirectories(temp.resolve("drops"));
        Files.writeString(drops.resolve("bad.web-app.yml"), "services:\n  web:\n    imagee: nginx\n");
        try (RuntimeFixture runtime = start(Map.of("compose.overrides.dirs", drops.toString()))) {
            assertThatThrownBy(() -> runtime.composer().compose(definition(WEB_APP), TASK_ID, "default", Optional.empty(),
                    ENDPOINT_ID, temp.resolve("out")))
                    .isInstanceOf(EcsException.class)
                    .hasMessageContaining(drops.resolve("bad.web-app.yml").toString())
                    .hasMessageContaining("unknown key 'services.web.imagee'");
        }
    }

    @Test
    void pathTraversalIsRefusedInPatternsAndProjectNames() throws Exception {
        assertThatThrownBy(() -> start(Map.of("compose.overrides.patterns", "../*.{family}.yml")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("../*.{family}.yml");
        assertThatThrownBy(() -> start(Map.of("compose.overrides.patterns", "sub/*.yml")))
                .isInstanceOf(ConfigurationException.class);
        Path dest = temp.resolve("dest");
        assertThatThrownBy(() -> TaskComposer.projectDirectory(dest, "../escape"))
                .isInstanceOf(EcsException.class);
        assertThatThrownBy(() -> TaskComposer.projectDirectory(dest, "a/../../b"))
                .isInstanceOf(EcsException.class);
        assertThat(TaskConverter.projectName("../../etc/passwd", TASK_ID)).doesNotContain("/").doesNotContain("..")
                .matches("[a-z0-9][a-z0-9_-]*");
    }

    @Test
    void runTaskOverridesTaskNetworkAndExternalNetworksAreApplied() throws Exception {
        try (RuntimeFixture runtime = start(Map.of("network.external", "app-net,shared-net"))) {
            JsonNode overrides = EcsJson.create().readTree("""
                    {"containerOverrides": [{"name": "web", "command": ["nginx", "-g", "daemon off;"],
                       "environment": [{"name": "STEP", "value": "override"}], "cpu": 256, "memory": 256,
                       "memoryReservation": 128}],
                     "cpu": "2048", "memory": "4096", "taskRoleArn": "arn:aws:iam::000000000000:role/override"}""");
            ComposedTask task = runtime.composer().compose(definition(WEB_APP), TASK_ID, "default", typed(overrides),
                    ENDPOINT_ID, temp.resolve("out"));

            ComposeProject effective = task.effective();
            ComposeService web = effective.services().get("web");
            assertThat(web.command()).containsExactly("nginx", "-g", "daemon off;");
            assertThat(web.environment()).containsEntry("STEP", "override")
                    .containsEntry("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/" + ENDPOINT_ID)
                    .containsEntry("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/" + ENDPOINT_ID + ".web")
                    .containsEntry("AWS_EXECUTION_ENV", "AWS_ECS_EC2");
            assertThat(web.cpuShares()).isEqualTo(256);
            assertThat(web.memLimit()).isEqualTo("256m");
            assertThat(web.memReservation()).isEqualTo("128m");
            assertThat(web.cpus()).isEqualTo(2.0);
            assertThat(web.labels()).containsEntry("com.amazonaws.ecs.local.task-role-arn",
                    "arn:aws:iam::000000000000:role/override");
            assertThat(web.networks()).containsOnlyKeys("ecs-local-network", "app-net", "shared-net");
            assertThat(effective.networks()).containsOnlyKeys("ecs-local-network", "app-net", "shared-net");
            assertThat(effective.networks().get("app-net").external()).isTrue();
            assertThat(effective.services().get("worker").memLimit()).as("own memory wins over the task's")
                    .isEqualTo("64m");

            TaskOverride unknown = EcsJson.create().readValue("{\"containerOverrides\": [{\"name\": \"ghost\"}]}",
                    TaskOverride.class);
            assertThatThrownBy(() -> TaskOverrides.check(definition(WEB_APP), unknown))
                    .isInstanceOfSatisfying(EcsException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER))
                    .hasMessageContaining("ghost");
        }
    }

    static List<String> dropIns() {
        return List.of("""
                services:
                  web:
                    environment: {STEP: dropin, EXTRA: '1'}
                    ports: ["9090:90"]
                    volumes: ["/srv/html:/usr/share/nginx/html:ro"]
                    dns: [1.1.1.1]
                    healthcheck: {test: [CMD, true], interval: 5s}
                  sidecar:
                    image: busybox
                    command: sleep 1000
                """, """
                services:
                  web:
                    command: ["nginx", "-g", "daemon off;"]
                    logging: {driver: syslog, options: {tag: web}}
                    labels: [team=web, tier=front]
                    ulimits: {nofile: {soft: 100, hard: 200}}
                    cap_add: [NET_ADMIN]
                  worker:
                    entrypoint: /bin/sh -c
                    depends_on: [web]
                    extra_hosts: ["db:10.0.0.1"]
                """, """
                x-shared: &shared
                  environment: {FROM_ANCHOR: 'yes'}
                services:
                  web:
                    <<: *shared
                    image: nginx:1.27-alpine
                    networks: {app-net: {aliases: [frontend]}}
                volumes:
                  extra: {driver: local}
                """);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("dropIns")
    void mergedEffectiveFileMatchesDockerComposeConfigOfTheSameFiles(String dropIn) throws Exception {
        Path drops = Files.createDirectories(temp.resolve("drops"));
        Files.writeString(drops.resolve("local.web-app.yml"), dropIn);
        try (RuntimeFixture runtime = start(Map.of("compose.overrides.dirs", drops.toString(),
                "network.external", "app-net"))) {
            JsonNode overrides = EcsJson.create().readTree(
                    "{\"containerOverrides\": [{\"name\": \"worker\", \"command\": [\"sleep\", \"5\"]}]}");
            ComposedTask task = runtime.composer().compose(definition(WEB_APP), TASK_ID, "default", typed(overrides),
                    ENDPOINT_ID, temp.resolve("out"));
            List<Path> inputs = task.files().subList(0, task.files().size() - 1);
            DockerComposeCli.Result result = DockerComposeCli.config(task.directory(), inputs);
            assertThat(result.exitCode()).as(result.error()).isZero();

            ComposeYaml yaml = new ComposeYaml();
            ComposeProject theirs = ComposeDifferences.normalise(yaml.parse(result.output(), "docker-compose config"));
            ComposeProject ours = ComposeDifferences.normalise(yaml.parse(Files.readString(task.files().getLast()),
                    "effective"));
            assertThat(ours.services().keySet()).containsExactlyInAnyOrderElementsOf(theirs.services().keySet());
            for (String service : ours.services().keySet()) {
                assertThat(ours.services().get(service)).as(service).isEqualTo(theirs.services().get(service));
            }
            assertThat(ours.networks()).isEqualTo(theirs.networks());
            assertThat(ours.volumes()).isEqualTo(theirs.volumes());
        }
    }
}
