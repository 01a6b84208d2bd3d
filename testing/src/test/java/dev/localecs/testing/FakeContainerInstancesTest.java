package dev.localecs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.EcsArns;
import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.api.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fake instances: one by default, several once declared, placed by instance, memberOf and distinctInstance. */
class FakeContainerInstancesTest {
    private final FakePluginContext context = new FakePluginContext();
    private final FakeContainerInstances instances = context.containerInstances();
    private final TaskDefinition definition = context.json().convertValue(Map.of("family", "web", "revision", 1,
            "taskDefinitionArn", context.arns().taskDefinition("web", 1),
            "containerDefinitions", List.of(Map.of("name", "app", "image", "busybox"))), TaskDefinition.class);
    private final RunTaskSpec spec = new RunTaskSpec(definition, "default", Optional.empty(), Optional.empty(),
            "service:web", "EC2", Optional.empty(), Optional.empty(), Optional.empty(), false, List.of());

    private PlacementResult place(int count, List<PlacementConstraint> constraints, Optional<String> instance) {
        return instances.place(new PlacementRequest(spec, count, constraints, List.of(), instance,
                context.tasks()::run));
    }

    @Test
    void aClusterHasTheSingleMachinesInstanceByDefaultAndItsTasksAreOnIt() {
        assertThat(instances.list("default", Optional.empty(), Optional.empty()))
                .extracting(ContainerInstance::containerInstanceArn)
                .containsExactly(context.arns().localContainerInstance("default"));
        PlacementResult placed = place(2, List.of(), Optional.empty());
        assertThat(placed.tasks()).hasSize(2).allSatisfy(task -> assertThat(task.containerInstanceArn())
                .isEqualTo(context.arns().localContainerInstance("default")));
    }

    @Test
    void declaredInstancesReplaceTheDefaultAndPlacementHonoursTheInstanceMemberOfAndDistinctInstance() {
        String a = instances.addInstance("default", "node-a", Map.of("role", "agent"));
        String b = instances.addInstance("default", "node-b", Map.of());
        assertThat(a).endsWith("/" + EcsArns.containerInstanceId("default", Optional.of("node-a")));
        assertThat(instances.list("default", Optional.empty(), Optional.of("ACTIVE")))
                .extracting(ContainerInstance::containerInstanceArn).containsExactlyInAnyOrder(a, b);
        assertThat(instances.list("default", Optional.of("(attribute:role == agent)"), Optional.empty()))
                .extracting(ContainerInstance::containerInstanceArn).containsExactly(a);

        assertThat(place(1, List.of(), Optional.of(b)).tasks()).singleElement()
                .satisfies(task -> assertThat(task.containerInstanceArn()).isEqualTo(b));
        assertThat(context.tasks().launches().getLast().placement().machine()).contains("node-b");

        PlacementResult member = place(2, List.of(new PlacementConstraint("memberOf", "attribute:role == agent")),
                Optional.empty());
        assertThat(member.tasks()).hasSize(2).allSatisfy(task -> assertThat(task.containerInstanceArn())
                .isEqualTo(a));

        PlacementResult distinct = place(1, List.of(new PlacementConstraint("distinctInstance", null)),
                Optional.empty());
        assertThat(distinct.tasks()).as("both instances run a task of the group").isEmpty();
        assertThat(distinct.failures()).extracting(f -> f.reason())
                .containsOnly("DistinctInstance placement constraint unsatisfied.");

        instances.updateStatus("default", a, "DRAINING");
        assertThatThrownBy(() -> place(1, List.of(), Optional.of(a))).isInstanceOf(EcsException.class)
                .hasMessage("No Container Instances were found in your cluster.");
    }
}
