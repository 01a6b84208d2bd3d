package dev.localecs.runtime.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsJson;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReservationTest {
    private static final ObjectMapper JSON = EcsJson.create();

    static TaskDefinition definition(String json) {
        try {
            return JSON.readValue(json, TaskDefinition.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Test
    void containersReserveTheirSoftLimitElseTheirHardLimitAndTheirCpu() {
        Reservation reservation = Reservation.of(definition("""
                {"family": "f", "containerDefinitions": [
                  {"name": "a", "image": "i", "cpu": 256, "memory": 512, "memoryReservation": 128},
                  {"name": "b", "image": "i", "cpu": 128, "memory": 64},
                  {"name": "c", "image": "i"}]}"""), Optional.empty());

        assertThat(reservation.cpu()).isEqualTo(384);
        assertThat(reservation.memory()).isEqualTo(192);
    }

    @Test
    void taskLevelCpuAndMemoryWinInEitherNotation() {
        Reservation reservation = Reservation.of(definition("""
                {"family": "f", "cpu": "0.5 vCPU", "memory": "1 GB", "containerDefinitions": [
                  {"name": "a", "image": "i", "cpu": 256, "memory": 512}]}"""), Optional.empty());

        assertThat(reservation.cpu()).isEqualTo(512);
        assertThat(reservation.memory()).isEqualTo(1024);
    }

    @Test
    void overridesReplaceTaskAndContainerValues() throws Exception {
        TaskDefinition definition = definition("""
                {"family": "f", "containerDefinitions": [
                  {"name": "a", "image": "i", "cpu": 256, "memory": 512},
                  {"name": "b", "image": "i", "memory": 64}]}""");
        TaskOverride overrides = JSON.readValue("""
                {"containerOverrides": [{"name": "a", "memory": 300, "cpu": 10}]}""", TaskOverride.class);

        Reservation reservation = Reservation.of(definition, Optional.of(overrides));

        assertThat(reservation.cpu()).isEqualTo(10);
        assertThat(reservation.memory()).isEqualTo(364);
        assertThat(Reservation.of(definition, Optional.of(JSON.readValue("{\"memory\": \"2048\"}",
                TaskOverride.class))).memory()).isEqualTo(2048);
    }

    @Test
    void staticHostPortsOfBridgeAndHostModeAreReservedByProtocol() {
        Reservation bridge = Reservation.of(definition("""
                {"family": "f", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "a", "image": "i", "memory": 8, "portMappings": [
                    {"containerPort": 80, "hostPort": 8080}, {"containerPort": 81, "hostPort": 0},
                    {"containerPort": 82}, {"containerPort": 53, "hostPort": 5353, "protocol": "udp"}]}]}"""),
                Optional.empty());
        Reservation host = Reservation.of(definition("""
                {"family": "f", "networkMode": "host", "containerDefinitions": [
                  {"name": "a", "image": "i", "memory": 8, "portMappings": [{"containerPort": 9000}]}]}"""),
                Optional.empty());
        Reservation awsvpc = Reservation.of(definition("""
                {"family": "f", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "a", "image": "i", "memory": 8, "portMappings": [{"containerPort": 80, "hostPort": 80}]}]}"""),
                Optional.empty());

        assertThat(bridge.tcpPorts()).containsExactly(8080);
        assertThat(bridge.udpPorts()).containsExactly(5353);
        assertThat(host.tcpPorts()).containsExactly(9000);
        assertThat(awsvpc.tcpPorts()).isEmpty();
    }
}
