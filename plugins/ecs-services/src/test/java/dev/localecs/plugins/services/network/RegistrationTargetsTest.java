package dev.localecs.plugins.services.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsJson;
import dev.localecs.api.model.Task;
import dev.localecs.plugins.services.network.Registrations.Registration;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What is registered for a bridge-mode task (the awsvpc case is in {@link ServiceNetworkingTest}). */
class RegistrationTargetsTest {
    private static final ObjectMapper JSON = EcsJson.create();
    private static final Task BRIDGE = JSON.convertValue(Map.of(
            "taskArn", "arn:aws:ecs:us-east-1:000000000000:task/default/0123456789abcdef0123456789abcdef",
            "clusterArn", "arn:aws:ecs:us-east-1:000000000000:cluster/default", "group", "service:web",
            "containers", List.of(Map.of("name", "web", "networkBindings", List.of(Map.of("bindIP", "0.0.0.0",
                    "containerPort", 80, "hostPort", 32770, "protocol", "tcp"))))), Task.class);

    @Test
    void aBridgeTaskIsAnInstanceTargetAtItsHostPort() {
        RegistrationTargets targets = new RegistrationTargets("169.254.170.2", Optional.of("i-0123456789abcdef0"),
                task -> Optional.empty());
        assertThat(targets.target(BRIDGE, "arn:tg", new TargetGroups.Group(Optional.of(80), "instance"), "web", 80))
                .contains(new Registration(BRIDGE.taskArn(), "elbv2", "arn:tg", "i-0123456789abcdef0", 32770));
        assertThat(targets.target(BRIDGE, "arn:tg", new TargetGroups.Group(Optional.of(80), "ip"), "web", 80))
                .as("an ip target group needs an address of the task's own").isEmpty();
    }

    @Test
    void anInstanceTargetNeedsTheInstanceIdThatStandsForThisHost() {
        RegistrationTargets targets = new RegistrationTargets("169.254.170.2", Optional.empty(), task -> Optional.empty());
        assertThatThrownBy(() -> targets.target(BRIDGE, "arn:tg", new TargetGroups.Group(Optional.empty(),
                "instance"), "web", 80)).hasMessage("cannot register tasks in the instance target group arn:tg: set "
                + "upstream.elbv2.instance-id to the EC2 instance id that stands for this host");
    }

    @Test
    void aBridgeTaskIsACloudMapInstanceAtTheEndpointAddressAndItsHostPort() throws IOException {
        RegistrationTargets targets = new RegistrationTargets("169.254.170.2", Optional.empty(), task -> Optional.empty());
        RegistrationTargets.Instance instance = targets.registryInstance(BRIDGE,
                JSON.readTree("{\"registryArn\": \"arn:srv\", \"containerName\": \"web\", \"containerPort\": 80}"),
                new CloudMap.Names("srv-1", "web", "local")).orElseThrow();
        assertThat(instance.registration()).isEqualTo(new Registration(BRIDGE.taskArn(), "cloudmap", "srv-1",
                "0123456789abcdef0123456789abcdef", 32770));
        assertThat(instance.attributes()).containsEntry("AWS_INSTANCE_IPV4", "169.254.170.2")
                .containsEntry("AWS_INSTANCE_PORT", "32770").containsEntry("ECS_SERVICE_NAME", "web")
                .containsEntry("ECS_CLUSTER_NAME", "default");
    }
}
