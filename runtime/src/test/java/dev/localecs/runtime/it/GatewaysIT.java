package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.Gateway;
import software.amazon.awssdk.services.ecs.model.GatewayClusterAssociationStatus;
import software.amazon.awssdk.services.ecs.model.GatewayNotFoundException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ResourceInUseException;

/**
 * Gateways through the AWS SDK for Java v2 (the AWS CLI and boto3 on this machine predate the gateway
 * operations): created, described, listed, associated with a real cluster, refused deletion while associated or
 * protected, kept across a restart, deleted, and answered with the exceptions the SDK models.
 */
class GatewaysIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/ecsInfrastructureRole";
    @TempDir
    Path state;
    private RuntimeFixture runtime;

    @BeforeEach
    void start() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.engine", "simulated"));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private Gateway describe(String gateway) {
        return runtime.ecs().describeGateway(r -> r.gateway(gateway)).gateway();
    }

    @Test
    void aGatewayLivesAssociatesWithAClusterAndSurvivesARestart() {
        var created = runtime.ecs().createGateway(r -> r.name("daemons-edge").infrastructureRoleArn(ROLE)
                .deletionProtection(true).tags(t -> t.key("team").value("web"))
                .configuration(c -> c.hostSharedAlb(a -> a.protocol("HTTPS").networkConfiguration(n -> n
                        .subnets("subnet-1", "subnet-2")))));
        String arn = created.gatewayArn();
        assertThat(arn).isEqualTo("arn:aws:ecs:us-east-1:000000000000:gateway/daemons-edge");
        assertThat(created.statusAsString()).isEqualTo("ACTIVE");
        assertThatThrownBy(() -> runtime.ecs().createGateway(r -> r.name("daemons-edge").infrastructureRoleArn(ROLE)
                .configuration(c -> c.hostSharedAlb(a -> a.port(80))))).isInstanceOf(ConflictException.class);

        Gateway gateway = describe(arn);
        assertThat(gateway.configuration().hostSharedAlb().port()).isEqualTo(443);
        assertThat(gateway.configuration().hostSharedAlb().maxAlbCount()).isEqualTo(10);
        assertThat(gateway.configuration().hostSharedAlb().networkConfiguration().subnets())
                .containsExactly("subnet-1", "subnet-2");
        assertThat(gateway.deletionProtection()).isTrue();
        assertThat(gateway.accessTypeAsString()).isEqualTo("PUBLIC");
        assertThat(gateway.tags()).singleElement().satisfies(tag -> assertThat(tag.value()).isEqualTo("web"));
        assertThat(runtime.ecs().listGateways(r -> { }).gateways()).singleElement()
                .satisfies(summary -> assertThat(summary.gatewayArn()).isEqualTo(arn));

        assertThatThrownBy(() -> runtime.ecs().associateGatewayWithCluster(r -> r.gateway("daemons-edge")
                .cluster("daemons-web"))).isInstanceOf(ClusterNotFoundException.class);
        runtime.ecs().createCluster(r -> r.clusterName("daemons-web"));
        var association = runtime.ecs().associateGatewayWithCluster(r -> r.gateway(arn).cluster("daemons-web"));
        assertThat(association.status()).isEqualTo(GatewayClusterAssociationStatus.ACTIVE);
        assertThat(association.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/daemons-web");

        runtime.restart();
        assertThat(describe("daemons-edge").gatewayArn()).as("kept across a restart").isEqualTo(arn);
        assertThat(runtime.ecs().listGatewayClusterAssociations(r -> r.cluster("daemons-web"))
                .gatewayClusterAssociations()).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(GatewayClusterAssociationStatus.ACTIVE));
        assertThat(runtime.ecs().describeGatewayResources(r -> r.gateway(arn)).gatewayResources().resources()
                .hostSharedAlb()).isEmpty();
        assertThat(runtime.ecs().listGatewayRoutes(r -> r.gateway(arn)).gatewayRoutes()).isEmpty();

        assertThatThrownBy(() -> runtime.ecs().deleteGateway(r -> r.gateway(arn)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("deletion protection");
        runtime.ecs().updateGateway(r -> r.gateway(arn).deletionProtection(false)
                .configuration(c -> c.hostSharedAlb(a -> a.maxAlbCount(2))));
        assertThat(describe(arn).configuration().hostSharedAlb().maxAlbCount()).isEqualTo(2);
        assertThatThrownBy(() -> runtime.ecs().deleteGateway(r -> r.gateway(arn)))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("daemons-web");

        assertThat(runtime.ecs().disassociateGatewayFromCluster(r -> r.gateway(arn).cluster("daemons-web"))
                .status()).isEqualTo(GatewayClusterAssociationStatus.INACTIVE);
        assertThat(runtime.ecs().deleteGateway(r -> r.gateway(arn)).statusAsString()).isEqualTo("DELETED");
        assertThatThrownBy(() -> describe(arn)).isInstanceOf(GatewayNotFoundException.class);
        assertThat(runtime.ecs().listGateways(r -> { }).gateways()).isEmpty();
    }
}
