package dev.localecs.plugins.services.network;

import static dev.localecs.plugins.services.network.NetworkScene.ask;
import static dev.localecs.plugins.services.network.NetworkScene.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The networking of a backend service and a client (see {@link NetworkScene}), without Docker. */
class ServiceNetworkingTest {
    private final NetworkScene scene;

    ServiceNetworkingTest() throws IOException {
        scene = new NetworkScene();
    }

    @AfterEach
    void close() throws IOException {
        scene.close();
    }

    private Set<String> answers(String address, int port, int times) throws IOException {
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < times; i++) {
            answers.add(ask(address, port));
        }
        return answers;
    }

    @Test
    void aClientOfTheNamespaceGetsEveryNameAtTheServicesListenAddress() {
        List<String> hosts = scene.networking.hosts(scene.client, List.of(scene.backend, scene.client));
        assertThat(hosts).containsExactly("backend-http:127.77.0.1", "backend:127.77.0.1");
        assertThat(scene.networking.hosts(new NetworkedService("default", "other", "arn:other", "ACTIVE",
                scene.context.json().createObjectNode(), List.of()), List.of(scene.backend)))
                .as("a service without Service Connect gets no names").isEmpty();
    }

    @Test
    void serviceConnectPortsAndTheFrontDoorSpreadOverTheRunningTasks() throws IOException {
        scene.networking.refresh(List.of(scene.backend, scene.client));
        assertThat(scene.networking.problem()).isEmpty();
        assertThat(answers("127.77.0.1", scene.aliasPort, 4)).as("the alias port (not the container port)")
                .containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
        assertThat(answers("127.77.0.1", scene.containerPort, 4)).as("the discovery name's port")
                .containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
        assertThat(answers("127.0.0.1", scene.frontDoorPort, 4)).as("the front door")
                .containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
    }

    @Test
    void eachRunningTaskIsRegisteredOnceInCloudMapAndItsTargetGroupAsEcsDoes() {
        scene.networking.refresh(List.of(scene.backend, scene.client));
        scene.networking.refresh(List.of(scene.backend, scene.client));
        List<FakeAwsPeers.Call> instances = scene.peers.calls("RegisterInstance").stream()
                .filter(call -> read(call.body()).get("ServiceId").asText().equals("srv-1")).toList();
        assertThat(instances).hasSize(2);
        Set<String> seen = new HashSet<>();
        for (FakeAwsPeers.Call call : instances) {
            JsonNode body = read(call.body());
            assertThat(body.get("ServiceId").asText()).isEqualTo("srv-1");
            assertThat(body.at("/Attributes/AWS_INSTANCE_PORT").asText()).isEqualTo(
                    Integer.toString(scene.containerPort));
            assertThat(body.at("/Attributes/ECS_SERVICE_NAME").asText()).isEqualTo("backend");
            seen.add(body.get("InstanceId").asText() + "=" + body.at("/Attributes/AWS_INSTANCE_IPV4").asText());
            assertThat(call.authorization()).matches("AWS4-HMAC-SHA256 Credential=AKIDTEST/\\d{8}/us-east-1/"
                    + "servicediscovery/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, "
                    + "Signature=[0-9a-f]{64}");
        }
        assertThat(seen).containsExactlyInAnyOrder(id(scene.first) + "=127.0.0.2", id(scene.second) + "=127.0.0.3");
        List<FakeAwsPeers.Call> targets = scene.peers.calls("RegisterTargets");
        assertThat(targets).hasSize(2).allSatisfy(call -> {
            assertThat(call.parameter("TargetGroupArn")).isEqualTo(NetworkScene.TARGET_GROUP);
            assertThat(call.parameter("Targets.member.1.Port")).isEqualTo(Integer.toString(scene.containerPort));
            assertThat(call.parameter("Version")).isEqualTo("2015-12-01");
        });
        assertThat(targets).extracting(call -> call.parameter("Targets.member.1.Id"))
                .containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
        assertThat(scene.networking.discoveryNames(scene.backend)).containsExactly("backend.local");
    }

    @Test
    void serviceConnectCreatesTheDiscoveryNamesCloudMapServiceInTheNamespaceAndRegistersTheTasksThere() {
        scene.networking.refresh(List.of(scene.backend, scene.client));
        scene.networking.refresh(List.of(scene.backend, scene.client));
        assertThat(scene.peers.calls("CreateService")).as("backend-http of ns-0 is another namespace's")
                .singleElement().satisfies(call -> {
                    JsonNode body = read(call.body());
                    assertThat(body.get("Name").asText()).isEqualTo("backend-http");
                    assertThat(body.get("NamespaceId").asText()).isEqualTo("ns-1");
                });
        List<FakeAwsPeers.Call> instances = scene.peers.calls("RegisterInstance").stream()
                .filter(call -> read(call.body()).get("ServiceId").asText().equals("srv-2")).toList();
        assertThat(instances).extracting(call -> read(call.body()).get("InstanceId").asText() + "="
                        + read(call.body()).at("/Attributes/AWS_INSTANCE_IPV4").asText() + ":"
                        + read(call.body()).at("/Attributes/AWS_INSTANCE_PORT").asText())
                .containsExactlyInAnyOrder(id(scene.first) + "=127.0.0.2:" + scene.containerPort,
                        id(scene.second) + "=127.0.0.3:" + scene.containerPort);
    }

    @Test
    void aDrainedTaskLeavesEveryBalancerAndRegistrationAndIsNotTakenBackWhileStillRunning() throws IOException {
        scene.networking.refresh(List.of(scene.backend, scene.client));
        scene.networking.drain("default", id(scene.first));

        assertThat(scene.peers.calls("DeregisterInstance")).extracting(call -> read(call.body()).get("ServiceId")
                .asText() + "/" + read(call.body()).get("InstanceId").asText())
                .containsExactlyInAnyOrder("srv-1/" + id(scene.first), "srv-2/" + id(scene.first));
        assertThat(scene.peers.calls("DeregisterTargets")).singleElement().satisfies(call ->
                assertThat(call.parameter("Targets.member.1.Id")).isEqualTo("127.0.0.2"));
        // the task is still RUNNING (its stop comes after the drain): later refreshes keep it out
        scene.networking.refresh(List.of(scene.backend, scene.client));
        assertThat(scene.peers.calls("RegisterInstance")).hasSize(4);
        assertThat(answers("127.77.0.1", scene.aliasPort, 4)).containsExactly("127.0.0.3");
        assertThat(answers("127.0.0.1", scene.frontDoorPort, 4)).containsExactly("127.0.0.3");
    }

    @Test
    void aTaskThatStopsOnItsOwnIsDeregisteredAtTheNextRefresh() throws IOException {
        scene.networking.refresh(List.of(scene.backend, scene.client));
        scene.context.tasks().change(id(scene.second), java.util.Map.of("lastStatus", "STOPPED",
                "desiredStatus", "STOPPED"));
        scene.networking.refresh(List.of(scene.backend, scene.client));
        assertThat(scene.peers.calls("DeregisterInstance")).hasSize(2).allSatisfy(call ->
                assertThat(read(call.body()).get("InstanceId").asText()).isEqualTo(id(scene.second)));
        assertThat(answers("127.0.0.1", scene.frontDoorPort, 3)).containsExactly("127.0.0.2");
    }

    @Test
    void anInactiveServiceClosesItsListeners() {
        scene.networking.refresh(List.of(scene.backend, scene.client));
        NetworkedService gone = new NetworkedService("default", "backend", scene.backend.serviceArn(), "INACTIVE",
                scene.backend.members(), scene.backend.deployments());
        scene.networking.refresh(List.of(gone, scene.client));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ask("127.0.0.1", scene.frontDoorPort))
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void unreachablePeersAreReportedAndDoNotKeepTheProxiesFromFollowingTheTasks() throws IOException {
        scene.peers.close();
        scene.networking.refresh(List.of(scene.backend, scene.client));
        assertThat(scene.networking.problem()).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("service backend: ").contains(scene.peers.endpoint().toString()));
        assertThat(answers("127.0.0.1", scene.frontDoorPort, 4)).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
        assertThat(answers("127.77.0.1", scene.aliasPort, 4)).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
    }

    private JsonNode read(String body) {
        try {
            return scene.context.json().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
