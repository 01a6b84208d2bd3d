package dev.localecs.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.ComposeOverrideProvider;
import dev.localecs.api.EcsArns;
import dev.localecs.api.TaskLaunch;
import dev.localecs.api.compose.ComposeFragment;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.runtime.compose.ComposeYaml;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.ConverterSettings;
import dev.localecs.runtime.compose.TaskComposer;
import dev.localecs.runtime.compose.TaskConverter;
import dev.localecs.api.EcsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Conversion + merge + write of a 10-container task definition (awsvpc, secrets, volumes, health checks,
 * dependencies) with two override fragments. Run with {@code scripts/benchmark-compose.sh}; prints ops/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ComposeBenchmark {
    private TaskComposer composer;
    private TaskDefinition definition;
    private Path output;

    /**
     * Builds the definition and the composer.
     *
     * @throws IOException when the output folder cannot be made
     */
    @Setup
    public void setUp() throws IOException {
        ObjectMapper json = EcsJson.create();
        StringBuilder containers = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            containers.append(i == 0 ? "" : ",").append("""
                    {"name": "c%d", "image": "busybox:%d", "essential": %s, "memory": 128, "cpu": 64,
                     "command": ["sh", "-c", "sleep 1000"],
                     "portMappings": [{"containerPort": %d}],
                     "environment": [{"name": "INDEX", "value": "%d"}, {"name": "MODE", "value": "bench"}],
                     "secrets": [{"name": "TOKEN", "valueFrom": "arn:aws:ssm:us-east-1:1:parameter/t%d"}],
                     "mountPoints": [{"sourceVolume": "shared", "containerPath": "/data"}],
                     "healthCheck": {"command": ["CMD-SHELL", "true"]},
                     "dependsOn": %s,
                     "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/bench"}}}"""
                    .formatted(i, i, i == 0, 8000 + i, i, i,
                            i == 0 ? "[]" : "[{\"containerName\": \"c0\", \"condition\": \"HEALTHY\"}]"));
        }
        definition = json.readValue("""
                {"family": "bench", "revision": 1, "networkMode": "awsvpc", "cpu": "2048", "memory": "4096",
                 "taskRoleArn": "arn:aws:iam::1:role/r", "volumes": [{"name": "shared"}],
                 "containerDefinitions": [%s]}""".formatted(containers), TaskDefinition.class);
        ComposeYaml yaml = new ComposeYaml();
        composer = new TaskComposer(new TaskConverter(
                new ConverterSettings(ConverterSettings.DEFAULT_PAUSE_IMAGE, Optional.empty()),
                new EcsArns("us-east-1", "000000000000")), List.of(new EnvironmentOverride(), new NetworkOverride()),
                yaml);
        output = Files.createTempDirectory("compose-bench");
    }

    /**
     * One task composed and written.
     *
     * @return the result, so nothing is optimised away
     */
    @Benchmark
    public ComposedTask convertMergeWrite() {
        return composer.compose(definition, "0123456789abcdef0123456789abcdef", "default", Optional.empty(),
                "11111111111111111111111111111111", output);
    }

    /** An override like RunTask's: one environment variable per container. */
    static final class EnvironmentOverride implements ComposeOverrideProvider {
        @Override
        public String name() {
            return "bench-environment";
        }

        @Override
        public List<ComposeFragment> fragments(TaskLaunch launch) {
            Map<String, ComposeService> services = new LinkedHashMap<>();
            launch.taskFile().services().keySet().forEach(name -> services.put(name,
                    ComposeService.builder().environment(Map.of("OVERRIDE", name)).build()));
            return List.of(new ComposeFragment(name(), ComposeProject.ofServices(services), Optional.empty()));
        }
    }

    /** An override like the network wiring: every service joins a network. */
    static final class NetworkOverride implements ComposeOverrideProvider {
        @Override
        public String name() {
            return "bench-network";
        }

        @Override
        public List<ComposeFragment> fragments(TaskLaunch launch) {
            Map<String, ComposeService> services = new LinkedHashMap<>();
            Map<String, ComposeService.ServiceNetwork> networks = new LinkedHashMap<>();
            networks.put("bench-net", null);
            launch.taskFile().services().keySet().forEach(name -> services.put(name,
                    ComposeService.builder().networks(networks).build()));
            return List.of(new ComposeFragment(name(), ComposeProject.ofServices(services), Optional.empty()));
        }
    }
}
