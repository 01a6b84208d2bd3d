package dev.localecs.plugins.services.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsJson;
import dev.localecs.api.model.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPortsTest {
    private static final ObjectMapper JSON = EcsJson.create();

    private static Task task(Map<String, Object> members) {
        return JSON.convertValue(members, Task.class);
    }

    @Test
    void anAwsvpcTaskIsReachedAtItsEniAddressAndTheContainerPort() {
        Task task = task(Map.of("taskArn", "arn:task/a", "attachments", List.of(Map.of("type", "ElasticNetworkInterface",
                "details", List.of(Map.of("name", "privateIPv4Address", "value", "169.254.170.7"))))));
        assertThat(TaskPorts.backend(task, "web", 80)).contains(new Backend("arn:task/a", "169.254.170.7", 80));
    }

    @Test
    void aBridgeTaskIsReachedAtItsPublishedHostPortOnLoopbackUnlessPublishedOnOneAddress() {
        Task all = task(Map.of("taskArn", "arn:task/b", "containers", List.of(Map.of("name", "web",
                "networkBindings", List.of(Map.of("bindIP", "0.0.0.0", "containerPort", 80, "hostPort", 32768,
                        "protocol", "tcp"))))));
        assertThat(TaskPorts.backend(all, "web", 80)).contains(new Backend("arn:task/b", "127.0.0.1", 32768));
        assertThat(TaskPorts.backend(all, "web", 81)).isEmpty();
        assertThat(TaskPorts.backend(all, "other", 80)).isEmpty();
        Task one = task(Map.of("taskArn", "arn:task/c", "containers", List.of(Map.of("name", "web",
                "networkBindings", List.of(Map.of("bindIP", "169.254.1.1", "containerPort", 80, "hostPort", 8081))))));
        assertThat(TaskPorts.backend(one, "web", 80)).contains(new Backend("arn:task/c", "169.254.1.1", 8081));
    }

    @Test
    void onlyRunningTasksThatStayRunningAndAreNotUnhealthyServe() {
        assertThat(TaskPorts.serving(task(Map.of("lastStatus", "RUNNING", "desiredStatus", "RUNNING",
                "healthStatus", "HEALTHY")))).isTrue();
        assertThat(TaskPorts.serving(task(Map.of("lastStatus", "RUNNING", "desiredStatus", "RUNNING",
                "healthStatus", "UNKNOWN")))).isTrue();
        assertThat(TaskPorts.serving(task(Map.of("lastStatus", "RUNNING", "desiredStatus", "STOPPED")))).isFalse();
        assertThat(TaskPorts.serving(task(Map.of("lastStatus", "PENDING", "desiredStatus", "RUNNING")))).isFalse();
        assertThat(TaskPorts.serving(task(Map.of("lastStatus", "RUNNING", "desiredStatus", "RUNNING",
                "healthStatus", "UNHEALTHY")))).isFalse();
    }
}
