package dev.localecs.plugins.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.testing.FakePluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services written to {@code state.dir} and read back, also files written before revisions and history. */
class ServiceStoreTest {
    @TempDir
    Path state;

    private ServiceFixture fixture() {
        return new ServiceFixture(new FakePluginContext().config("state.dir", state.toString()));
    }

    @Test
    void deploymentsRevisionsAndHistoryComeBackAfterARestart() {
        ServiceFixture before = fixture();
        before.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1,"
                + "\"deploymentConfiguration\":{\"deploymentCircuitBreaker\":{\"enable\":true,\"rollback\":true}}}");
        before.definition("web", "bridge");
        before.update("{\"service\":\"web\",\"taskDefinition\":\"web:2\"}");
        StoredService written = ServiceStore.of(before.context).find("default", "web").orElseThrow();

        StoredService read = ServiceStore.of(fixture().context).find("default", "web").orElseThrow();
        assertThat(read).isEqualTo(written);
        assertThat(read.history()).extracting(DeploymentRecord::status).containsExactly("IN_PROGRESS", "STOPPED");
        assertThat(read.revisions()).hasSize(2);
        assertThat(read.circuitBreaker()).isTrue();
    }

    @Test
    void aFileWrittenBeforeRevisionsIsReadWithTheDigitsOfEachDeploymentAsItsRevision() throws Exception {
        Path file = state.resolve("services/default/old.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"serviceArn":"arn:aws:ecs:us-east-1:000000000000:service/default/old","serviceName":"old",
                 "cluster":"default","status":"ACTIVE","desiredCount":1,
                 "taskDefinition":"arn:aws:ecs:us-east-1:000000000000:task-definition/web:1","launchType":"EC2",
                 "schedulingStrategy":"REPLICA","createdAt":1.0,"members":{},"events":[],"steady":true,
                 "deployments":[{"id":"ecs-svc/1234567890123456789","status":"PRIMARY",
                   "taskDefinition":"arn:aws:ecs:us-east-1:000000000000:task-definition/web:1","desiredCount":1,
                   "pendingCount":0,"runningCount":1,"failedTasks":0,"createdAt":1.0,"updatedAt":1.0,
                   "launchType":"EC2","rolloutState":"COMPLETED","rolloutStateReason":"done","members":{}}]}
                """);
        StoredService old = ServiceStore.of(fixture().context).find("default", "old").orElseThrow();
        assertThat(old.primary().revision()).isEqualTo("1234567890123456789");
        assertThat(old.revisions()).isEmpty();
        assertThat(old.history()).isEmpty();
    }
}
