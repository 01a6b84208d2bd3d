package dev.localecs.plugins.services.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceConnectTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDiscoveryNameDefaultsToThePortNameAndAnAliasWithoutANameToTheDiscoveryName() throws IOException {
        ServiceConnect connect = ServiceConnect.of(JSON.readTree("""
                {"enabled": true, "namespace": "arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-abc",
                 "services": [{"portName": "http", "clientAliases": [{"port": 8080}, {"port": 80, "dnsName": "web"}]},
                              {"portName": "grpc", "discoveryName": "rpc"}]}""")).orElseThrow();
        assertThat(connect.namespaceKey()).isEqualTo("ns-abc");
        assertThat(connect.services()).containsExactly(
                new ServiceConnect.Served("http", "http", List.of(new ServiceConnect.Alias("http", 8080),
                        new ServiceConnect.Alias("web", 80))),
                new ServiceConnect.Served("grpc", "rpc", List.of()));
    }

    @Test
    void aConfigurationThatIsNotEnabledOrHasNoNamespaceIsNone() throws IOException {
        assertThat(ServiceConnect.of(JSON.readTree("{\"enabled\": false, \"namespace\": \"local\"}"))).isEmpty();
        assertThat(ServiceConnect.of(JSON.readTree("{\"enabled\": true}"))).isEmpty();
        assertThat(ServiceConnect.of(JSON.missingNode())).isEmpty();
        assertThat(ServiceConnect.of(JSON.readTree("{\"enabled\": true, \"namespace\": \"local\"}")))
                .hasValueSatisfying(c -> assertThat(c.services()).isEmpty());
    }
}
