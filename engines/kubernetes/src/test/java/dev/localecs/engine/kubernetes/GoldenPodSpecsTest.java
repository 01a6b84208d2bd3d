package dev.localecs.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.TaskPlacement;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.PlacementStrategy;
import dev.localecs.runtime.compose.ComposeYaml;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.tasks.LaunchException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Pod of every golden compose file of the converter corpus, checked against the expected YAML in
 * {@code src/test/resources/pods}. Regenerate after an intended change with {@code -Dregenerate.pods=true}
 * and review the diff.
 */
class GoldenPodSpecsTest {
    static final Path CORPUS = Path.of("../../runtime/src/test/resources/corpus").toAbsolutePath().normalize();
    static final Path PODS = Path.of("src/test/resources/pods").toAbsolutePath();
    /** Pods of tasks ECS placement put on a node (the corpus's Pods are placed by nothing). */
    static final Path PLACED_PODS = Path.of("src/test/resources/placed-pods").toAbsolutePath();
    static final KubernetesSettings SETTINGS = new KubernetesSettings(Optional.empty(), Optional.empty(), "ecs-",
            Map.of("team", "platform"), true, Optional.of("efs-sc"), Optional.empty(),
            KubernetesSettings.DEFAULT_NAT_IMAGE, Duration.ofMinutes(5));
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    static List<Path> goldenComposeFiles() {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".compose.yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposedTask composed(Path composeFile) {
        ComposeProject project = new ComposeYaml().read(composeFile);
        String name = project.services().values().iterator().next().labels().get(EcsLabels.COMPOSE_PROJECT);
        return new ComposedTask(name, composeFile.getParent(), project, List.of(composeFile), List.of(), "endpoint-1");
    }

    static String render(PodPlan plan) {
        StringBuilder text = new StringBuilder();
        plan.notes().forEach(note -> text.append("# note: ").append(note).append('\n'));
        text.append(YAML.asYaml(plan.pod()));
        for (var claim : plan.claims()) {
            text.append(YAML.asYaml(claim));
        }
        return text.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenComposeFiles")
    void podSpecMatchesItsGoldenYaml(Path composeFile) throws IOException {
        // the forwarding init container is in every golden Pod: tasks reach 169.254.170.2 through it
        String actual = render(new PodSpecBuilder(SETTINGS).build(composed(composeFile), Optional.of("10.96.0.10:80")));
        Path golden = PODS.resolve(composeFile.getFileName().toString().replace(".compose.yml", ".pod.yml"));
        if (Boolean.getBoolean("regenerate.pods")) {
            Files.writeString(golden, actual);
        }
        assertThat(golden).as("golden Pod spec (regenerate with -Dregenerate.pods=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(golden));
    }

    @Test
    void aPlacedTasksPodIsPinnedAndCarriesItsRules() throws IOException {
        ComposedTask task = composed(CORPUS.resolve("02-ec2-bridge-dynamic-port.compose.yml")).placed(
                new TaskPlacement(Optional.of("node-b"), List.of(
                        new PlacementConstraint("memberOf", "attribute:ecs.availability-zone in [us-east-1a, "
                                + "us-east-1b] and attribute:ecs.instance-type =~ t3.*"),
                        new PlacementConstraint("distinctInstance", null)),
                        List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
                                new PlacementStrategy("spread", "instanceId"),
                                new PlacementStrategy("binpack", "memory")), Optional.of("service:web"), Optional.empty()));
        String actual = render(new PodSpecBuilder(SETTINGS).build(task, Optional.of("10.96.0.10:80")));
        Path golden = PLACED_PODS.resolve("02-ec2-bridge-dynamic-port.pod.yml");
        if (Boolean.getBoolean("regenerate.pods")) {
            Files.createDirectories(PLACED_PODS);
            Files.writeString(golden, actual);
        }
        assertThat(golden).as("golden Pod spec (regenerate with -Dregenerate.pods=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(golden));
    }

    @Test
    void everyCorpusTaskHasAGoldenPod() {
        assertThat(goldenComposeFiles()).hasSizeGreaterThanOrEqualTo(20);
        try (Stream<Path> pods = Files.list(PODS)) {
            assertThat(pods.count()).isEqualTo(goldenComposeFiles().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void dependenciesBecomeInitContainersAndSidecarsInTheirOrder() {
        Pod pod = new PodSpecBuilder(SETTINGS).build(composed(CORPUS.resolve("04-sidecar-dependson.compose.yml")),
                Optional.empty()).pod();
        List<Container> init = pod.getSpec().getInitContainers();
        // envoy is needed HEALTHY: a native sidecar whose startup probe is its health check; migrate SUCCESS: init
        assertThat(init).extracting(Container::getName).containsExactly("envoy", "migrate");
        assertThat(init.get(0).getRestartPolicy()).isEqualTo("Always");
        assertThat(init.get(0).getStartupProbe().getExec().getCommand()).containsExactly("/bin/sh", "-c",
                "curl -s http://localhost:9901/server_info | grep state | grep -q LIVE");
        assertThat(init.get(1).getRestartPolicy()).isNull();
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("app", "log-router");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void secretsAreNeverInThePodButInTheContainersSecret() {
        Pod pod = new PodSpecBuilder(SETTINGS).build(composed(CORPUS.resolve("06-secrets.compose.yml")),
                Optional.empty()).pod();
        Container app = pod.getSpec().getContainers().get(0);
        assertThat(app.getEnv()).extracting(e -> e.getName()).doesNotContain("DB_PASSWORD", "API_KEY");
        assertThat(app.getEnvFrom().get(0).getSecretRef().getName())
                .isEqualTo("ecs-secrets-app-0123456789abcdef0123456789abcdef-app");
        assertThat(app.getEnvFrom().get(0).getSecretRef().getOptional()).isFalse();
    }

    @Test
    void hostPathsAndSharedVolumesNeedTheirSettings() {
        KubernetesSettings strict = new KubernetesSettings(Optional.empty(), Optional.empty(), "ecs-", Map.of(),
                false, Optional.empty(), Optional.empty(), KubernetesSettings.DEFAULT_NAT_IMAGE, Duration.ofMinutes(5));
        assertThatThrownBy(() -> new PodSpecBuilder(strict).build(composed(CORPUS.resolve("07-host-volumes.compose.yml")),
                Optional.empty())).isInstanceOf(LaunchException.class)
                .hasMessageContaining("tasks.kubernetes.host-paths: true");
        assertThatThrownBy(() -> new PodSpecBuilder(strict).build(composed(CORPUS.resolve("10-efs.compose.yml")),
                Optional.empty())).isInstanceOf(LaunchException.class)
                .hasMessageContaining("tasks.kubernetes.storage-class");
        List<String> messages = new ArrayList<>();
        try {
            new PodSpecBuilder(strict).build(composed(CORPUS.resolve("07-host-volumes.compose.yml")), Optional.empty());
        } catch (LaunchException e) {
            messages.add(e.reason());
        }
        assertThat(messages).singleElement().asString().startsWith("CannotStartContainerError: ");
    }
}
