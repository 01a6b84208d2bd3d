package dev.localecs.runtime.compose;

import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS facts a compose service carries in its labels (written by the converter and override providers),
 * read back in one place: the exact dependsOn conditions, the startTimeout, whether it is the pause
 * container, its secret references, environment files and registry credentials, and its task.
 *
 * @param taskArn the task ARN, if labelled
 * @param pause whether this is the awsvpc pause container
 * @param dependencies the ECS dependsOn conditions (container → START/COMPLETE/SUCCESS/HEALTHY), in order
 * @param startTimeout how long dependents wait for this container's condition, if set
 * @param secrets environment variable → secret reference ({@code valueFrom})
 * @param environmentFiles environment file ARNs, in order
 * @param repositoryCredentials the Secrets Manager secret holding registry credentials, if any
 */
public record LaunchHints(Optional<String> taskArn, boolean pause, Map<String, String> dependencies,
                          Optional<Duration> startTimeout, Map<String, String> secrets, List<String> environmentFiles,
                          Optional<String> repositoryCredentials) {

    /**
     * Reads a service's labels.
     *
     * @param service the compose service, possibly null (no hints)
     * @return the hints
     */
    public static LaunchHints of(ComposeService service) {
        Map<String, String> labels = service == null || service.labels() == null ? Map.of() : service.labels();
        Map<String, String> dependencies = new LinkedHashMap<>();
        String exact = labels.get(EcsLabels.DEPENDS_ON);
        if (exact != null && !exact.isEmpty()) {
            for (String entry : exact.split(",")) {
                String[] parts = entry.split("=", 2);
                dependencies.put(parts[0], parts[1]);
            }
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        labels.forEach((label, value) -> {
            if (label.startsWith(EcsLabels.SECRET_PREFIX)) {
                secrets.put(label.substring(EcsLabels.SECRET_PREFIX.length()), value);
            } else if (label.startsWith(EcsLabels.ENVIRONMENT_FILE_PREFIX)) {
                files.add(value);
            }
        });
        return new LaunchHints(Optional.ofNullable(labels.get(EcsLabels.TASK_ARN)), labels.containsKey(EcsLabels.PAUSE),
                dependencies, Optional.ofNullable(labels.get(EcsLabels.START_TIMEOUT))
                        .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds))),
                secrets, List.copyOf(files), Optional.ofNullable(labels.get(EcsLabels.REPOSITORY_CREDENTIALS)));
    }
}
