package dev.localecs.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Container statuses become the engine's events, each once. */
class PodEventsTest {
    private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:task/default/abc";

    private static Pod pod(boolean probed, ContainerStatus... statuses) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns")
                .addToAnnotations(KubeNames.TASK_ARN, ARN).addToAnnotations(KubeNames.CONTAINER + "web", "Web_1")
                .endMetadata().withNewSpec().addNewContainer().withName("web").withImage("i").endContainer().endSpec()
                .withNewStatus().withContainerStatuses(statuses).endStatus();
        if (probed) {
            pod.editSpec().editFirstContainer().withNewReadinessProbe().withNewExec().withCommand("true").endExec()
                    .endReadinessProbe().endContainer().endSpec();
        }
        return pod.build();
    }

    private static ContainerStatus running(int restarts, boolean ready) {
        return new ContainerStatusBuilder().withName("web").withRestartCount(restarts).withReady(ready).withNewState()
                .withNewRunning().withStartedAt("2026-01-01T00:00:00Z").endRunning().endState().build();
    }

    private static ContainerStatus ended(int code, String reason) {
        return new ContainerStatusBuilder().withName("web").withRestartCount(0).withNewState().withNewTerminated()
                .withExitCode(code).withReason(reason).endTerminated().endState().build();
    }

    private static List<String> actions(List<PodEvents.Event> events) {
        return events.stream().map(e -> e.action() + e.exitCode().map(c -> ":" + c).orElse("")).toList();
    }

    @Test
    void startThenOomKillIsOomAndDieWith137UnderTheEcsName() {
        PodEvents events = new PodEvents();
        assertThat(actions(events.changes(pod(false, running(0, true))))).containsExactly("start");
        assertThat(events.changes(pod(false, running(0, true)))).isEmpty();
        List<PodEvents.Event> end = events.changes(pod(false, ended(137, "OOMKilled")));
        assertThat(actions(end)).containsExactly("oom", "die:137");
        assertThat(end.get(0).container()).isEqualTo("Web_1");
        assertThat(end.get(0).taskArn()).isEqualTo(ARN);
        assertThat(events.changes(pod(false, ended(137, "OOMKilled")))).isEmpty();
    }

    @Test
    void readinessOfAHealthCheckedContainerIsItsHealth() {
        PodEvents events = new PodEvents();
        assertThat(actions(events.changes(pod(true, running(0, false))))).containsExactly("start");
        assertThat(actions(events.changes(pod(true, running(0, true))))).containsExactly("health_status: healthy");
        assertThat(actions(events.changes(pod(true, running(0, false))))).containsExactly("health_status: unhealthy");
        // without a health check, readiness says nothing about health
        PodEvents plain = new PodEvents();
        plain.changes(pod(false, running(0, false)));
        assertThat(plain.changes(pod(false, running(0, true)))).isEmpty();
    }

    @Test
    void aRestartedSidecarReportsTheExitItHadBeforeItsNewStart() {
        PodEvents events = new PodEvents();
        events.changes(pod(false, running(0, true)));
        ContainerStatus restarted = new ContainerStatusBuilder(running(1, true)).withNewLastState().withNewTerminated()
                .withExitCode(2).withReason("Error").endTerminated().endLastState().build();
        assertThat(actions(events.changes(pod(false, restarted)))).containsExactly("die:2", "start");
    }

    @Test
    void podsSeenWhenTheWatchStartsAreABaselineWithoutEvents() {
        PodEvents events = new PodEvents();
        events.baseline(pod(false, running(0, true)));
        assertThat(events.changes(pod(false, running(0, true)))).isEmpty();
        assertThat(events.changes(pod(false, ended(0, "Completed")))).extracting(PodEvents.Event::exitCode)
                .containsExactly(Optional.of(0));
    }
}
