package dev.localecs.plugins.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsEvent;
import dev.localecs.testing.FakePluginContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** "ECS Container Instance State Change" events: on status changes and when a placed task starts or stops. */
class InstanceStateEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakePluginContext context = new FakePluginContext();
    private final String arn = context.arns().localContainerInstance("default");
    private final List<EcsEvent> events = new CopyOnWriteArrayList<>();

    InstanceStateEventsTest() {
        context.events().subscribe(events::add);
    }

    private JsonNode detail(int index) throws Exception {
        return JSON.readTree(events.get(index).detail());
    }

    @Test
    void statusChangesAreAnnouncedWithTheInstanceAsEcsDescribesIt() throws Exception {
        String drain = "{\"containerInstances\":[\"" + arn + "\"],\"status\":\"DRAINING\"}";
        context.call(new UpdateContainerInstancesStateAction(context), drain);
        context.call(new UpdateContainerInstancesStateAction(context), drain);

        assertThat(events).as("a second DRAINING changes nothing").hasSize(1);
        EcsEvent event = events.get(0);
        assertThat(event.source()).isEqualTo("aws.ecs");
        assertThat(event.detailType()).isEqualTo("ECS Container Instance State Change");
        assertThat(event.resources()).containsExactly(arn);
        JsonNode detail = detail(0);
        assertThat(detail.path("status").asText()).isEqualTo("DRAINING");
        assertThat(detail.path("containerInstanceArn").asText()).isEqualTo(arn);
        assertThat(detail.path("clusterArn").asText()).isEqualTo(context.arns().cluster("default"));
        assertThat(detail.path("updatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(detail.path("remainingResources").isArray()).isTrue();
        assertThat(detail.has("registeredAt")).isFalse();

        context.call(new DeregisterContainerInstanceAction(context), "{\"containerInstance\":\"" + arn + "\"}");
        assertThat(detail(1).path("status").asText()).isEqualTo("INACTIVE");
        context.call(new RegisterContainerInstanceAction(context), "{}");
        assertThat(detail(2).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aTaskOnTheInstanceStartingAndStoppingAnnouncesItsResources() throws Exception {
        InstanceEventsWorker worker = new InstanceEventsWorker(context);
        worker.start();
        try {
            var task = context.tasks().add(Map.of("clusterArn", context.arns().cluster("default"),
                    "containerInstanceArn", arn, "launchType", "EC2", "lastStatus", "PENDING",
                    "desiredStatus", "RUNNING"));
            var fargate = context.tasks().add(Map.of("clusterArn", context.arns().cluster("default"),
                    "launchType", "FARGATE", "lastStatus", "RUNNING", "desiredStatus", "RUNNING"));
            assertThat(events).as("PENDING changes no resource; a Fargate task is on no instance").isEmpty();
            String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
            context.tasks().change(id, Map.of("lastStatus", "RUNNING"));
            context.tasks().change(id, Map.of("lastStatus", "RUNNING", "healthStatus", "HEALTHY"));
            context.tasks().change(id, Map.of("lastStatus", "STOPPED", "desiredStatus", "STOPPED"));
            assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.resources()).containsExactly(arn));
            assertThat(detail(0).path("status").asText()).isEqualTo("ACTIVE");
            assertThat(fargate.containerInstanceArn()).isNull();
        } finally {
            worker.stop();
        }
    }
}
