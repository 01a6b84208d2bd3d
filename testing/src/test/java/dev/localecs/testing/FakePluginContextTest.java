package dev.localecs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.AwsCredentials;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Required;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fake context behaves as the runtime's services do, where plugin tests rely on it. */
class FakePluginContextTest {
    private final FakePluginContext context = new FakePluginContext();

    record Echo(@Required String name, Integer count) {
    }

    private final EcsAction echo = new EcsAction() {
        @Override
        public String name() {
            return "Echo";
        }

        @Override
        public Object handle(ActionRequest request) {
            return request.bind(Echo.class);
        }
    };

    @Test
    void requestsAreBoundAsTheRuntimeBindsThem() {
        assertThat(context.call(echo, "{\"name\":\"a\",\"count\":2}").get("count").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> context.call(echo, "{\"count\":\"2\"}")).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION));
        assertThatThrownBy(() -> context.call(echo, "{}")).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }

    @Test
    void registriesKeepRevisionsClustersAndTagsAsTheRuntimeDoes() {
        for (int i = 0; i < 2; i++) {
            context.taskDefinitions().register("web", revision -> context.json().convertValue(Map.of("family", "web",
                    "revision", revision, "status", revision == 2 ? "INACTIVE" : "ACTIVE"), TaskDefinition.class));
        }
        assertThat(context.taskDefinitions().resolve("web").orElseThrow().revision()).as("latest ACTIVE").isEqualTo(1);
        assertThat(context.taskDefinitions().resolve("web:2")).isPresent();
        assertThat(context.clusters().find("default").orElseThrow().status()).isEqualTo("ACTIVE");
        assertThat(context.clusters().find("other")).isEmpty();
        context.tags().tag("arn", List.of(new Tag("team", "web")));
        context.tags().tag("arn", List.of(new Tag("team", "api")));
        assertThat(context.tags().tags("arn")).containsExactly(new Tag("team", "api"));
        assertThatThrownBy(() -> context.tags().tag("arn", List.of(new Tag("aws:x", "y"))))
                .hasMessageContaining("reserved");
    }

    @Test
    void tasksRunChangeAndStopWithListenersHearingEachChange() {
        List<String> heard = new ArrayList<>();
        context.tasks().subscribe(task -> heard.add(task.lastStatus()));
        TaskDefinition definition = context.json().convertValue(Map.of("family", "web", "revision", 1,
                "taskDefinitionArn", context.arns().taskDefinition("web", 1),
                "containerDefinitions", List.of(Map.of("name", "app", "image", "busybox"))), TaskDefinition.class);
        Task task = context.tasks().run(new RunTaskSpec(definition, "default", Optional.empty(), Optional.of("ci"),
                "family:web", "EC2", Optional.empty(), Optional.empty(), Optional.empty(), false, List.of()));
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        context.tasks().change(id, Map.of("lastStatus", "RUNNING"));
        assertThat(context.tasks().list(new TaskFilter("default", Optional.of("web"), Optional.of("ci"), "RUNNING",
                Optional.empty(), Optional.empty()))).hasSize(1);
        Task stopped = context.tasks().stop("default", id, Optional.empty()).orElseThrow();
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by user");
        assertThat(stopped.version()).isEqualTo(3);
        assertThat(heard).containsExactly("PENDING", "RUNNING", "STOPPED");
    }

    @Test
    void stsRecordsEachAssumeRoleAndConfigReadsLists() {
        AwsCredentials role = context.sts().assumeRole(AwsCredentials.of("AKIABASE", "s"),
                "arn:aws:iam::000000000000:role/app", "session");
        assertThat(role.accessKeyId()).isEqualTo("ASIAAPP");
        assertThat(context.assumedRoles()).containsExactly("AKIABASE->arn:aws:iam::000000000000:role/app");
        context.config("network.external", "a, b,").config("n", "7");
        assertThat(context.config().list("network.external")).containsExactly("a", "b");
        assertThat(context.config().getInt("n", 0)).isEqualTo(7);
        assertThat(context.config().get("missing")).isEmpty();
    }
}
