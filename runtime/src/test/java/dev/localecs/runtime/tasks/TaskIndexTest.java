package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.RunTaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The index's sides and its tasks holding resources (those whose last status is not STOPPED). */
class TaskIndexTest {
    private static final String DEFINITION = "{\"family\":\"idx\",\"containerDefinitions\":[{\"name\":\"app\","
            + "\"image\":\"busybox\",\"essential\":true}]}";
    private int created;

    private TaskRecord record(String cluster) {
        String id = String.format("%032x", ++created);
        RunTaskSpec base = SimulatedTasks.spec(DEFINITION, Optional.empty());
        RunTaskSpec spec = new RunTaskSpec(base.taskDefinition(), cluster, base.overrides(), base.startedBy(),
                base.group(), base.launchType(), base.capacityProviderName(), base.platformVersion(), base.subnetId(),
                false, List.of());
        return new TaskRecord(id, "arn:aws:ecs:us-east-1:000000000000:task/" + cluster + "/" + id,
                "arn:aws:ecs:us-east-1:000000000000:cluster/" + cluster,
                spec, null, "p" + id, "e" + id,
                Instant.ofEpochSecond(created), changed -> { });
    }

    @Test
    void tasksHoldingResourcesAreThoseNotStoppedWhateverTheirDesiredStatusAlsoWhenRebuilt() {
        TaskIndex index = new TaskIndex();
        TaskRecord pending = record("default");
        TaskRecord running = record("default");
        TaskRecord stopping = record("default");
        TaskRecord stopped = record("default");
        TaskRecord elsewhere = record("other");
        List.of(pending, running, stopping, stopped, elsewhere).forEach(index::add);
        assertThat(pending.lastStatus).isEqualTo(TaskStatus.PENDING);
        running.update(r -> r.lastStatus = TaskStatus.RUNNING);
        index.changed(running);
        stopping.update(r -> {
            r.lastStatus = TaskStatus.RUNNING;
            r.desiredStatus = TaskStatus.STOPPED; // being stopped: its containers still run
        });
        index.changed(stopping);
        stopped.update(r -> {
            r.desiredStatus = TaskStatus.STOPPED;
            r.lastStatus = TaskStatus.STOPPED;
        });
        index.changed(stopped);

        assertThat(index.holding("default")).as("newest first").containsExactly(stopping, running, pending);
        assertThat(index.of("default", true)).containsExactly(stopped, stopping);
        assertThat(index.of("default", false)).containsExactly(running, pending);
        assertThat(index.holding("other")).containsExactly(elsewhere);
        assertThat(index.holding("unknown")).isEmpty();

        // at a restart the history adopts the saved tasks, with their statuses, into a new index
        TaskIndex rebuilt = new TaskIndex();
        List.of(stopped, pending, stopping, running).forEach(rebuilt::add);
        assertThat(rebuilt.holding("default")).containsExactly(stopping, running, pending);
        assertThat(rebuilt.of("default", true)).containsExactly(stopped, stopping);

        // the stopping task stops and leaves; a task forgotten is gone from every side
        stopping.update(r -> r.lastStatus = TaskStatus.STOPPED);
        rebuilt.changed(stopping);
        rebuilt.remove(pending);
        assertThat(rebuilt.holding("default")).containsExactly(running);
        assertThat(rebuilt.of("default", false)).containsExactly(running);
    }
}
