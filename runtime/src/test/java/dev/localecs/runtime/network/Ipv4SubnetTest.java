package dev.localecs.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CIDR parsing and membership. */
class Ipv4SubnetTest {

    @Test
    void membershipFollowsThePrefix() {
        Ipv4Subnet subnet = Ipv4Subnet.parse("169.254.168.0/21").orElseThrow();

        assertThat(subnet.contains("169.254.168.0")).isTrue();
        assertThat(subnet.contains("169.254.170.2")).isTrue();
        assertThat(subnet.contains("169.254.175.255")).isTrue();
        assertThat(subnet.contains("169.254.176.0")).isFalse();
        assertThat(subnet.contains("169.254.167.255")).isFalse();
        assertThat(subnet.contains("not-an-address")).isFalse();
        assertThat(subnet.firstHost()).isEqualTo("169.254.168.1");
    }

    @Test
    void networkAndBroadcastAddressesAreNoHostAddresses() {
        Ipv4Subnet subnet = Ipv4Subnet.parse("169.254.170.0/24").orElseThrow();

        assertThat(subnet.isHostAddress("169.254.170.0")).isFalse();
        assertThat(subnet.isHostAddress("169.254.170.255")).isFalse();
        assertThat(subnet.isHostAddress("169.254.170.1")).isTrue();
        assertThat(subnet.isHostAddress("169.254.170.254")).isTrue();
    }

    @Test
    void onlyCanonicalCidrParses() {
        assertThat(Ipv4Subnet.parse("0.0.0.0/0")).isPresent();
        assertThat(Ipv4Subnet.parse("169.254.170.2/32")).map(Ipv4Subnet::firstHost).contains("169.254.170.2");
        assertThat(Ipv4Subnet.parse("169.254.170.1/24")).isEmpty();
        assertThat(Ipv4Subnet.parse("169.254.170.0/")).isEmpty();
        assertThat(Ipv4Subnet.parse("169.254.256.0/24")).isEmpty();
    }
}
