package dev.localecs.runtime.network;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 subnet in CIDR notation ({@code 169.254.170.0/24}), with the little arithmetic the task network
 * needs: membership and the first host address (Docker's default gateway).
 *
 * @param network the network address as an unsigned 32-bit value
 * @param prefix the prefix length, 0 to 32
 */
public record Ipv4Subnet(long network, int prefix) {
    private static final Pattern ADDRESS = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /**
     * Parses CIDR notation.
     *
     * @param cidr e.g. {@code 169.254.168.0/21}
     * @return the subnet, or empty when the text is not a subnet in canonical form (host bits zero)
     */
    public static Optional<Ipv4Subnet> parse(String cidr) {
        String[] parts = cidr.trim().split("/", -1);
        if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(parts[1]);
        Optional<Long> address = address(parts[0]);
        if (prefix > 32 || address.isEmpty() || (address.get() & ~mask(prefix) & 0xFFFFFFFFL) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Subnet(address.get(), prefix));
    }

    /**
     * Parses a dotted-quad IPv4 address.
     *
     * @param text e.g. {@code 169.254.170.2}
     * @return the address as an unsigned 32-bit value, or empty when the text is not one
     */
    public static Optional<Long> address(String text) {
        Matcher matcher = ADDRESS.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(matcher.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    /**
     * Whether an address lies in the subnet.
     *
     * @param address a dotted-quad address
     * @return true when it parses and its network part is this subnet's
     */
    public boolean contains(String address) {
        return address(address).map(value -> (value & mask(prefix)) == network).orElse(false);
    }

    /**
     * Whether an address can be given to a host (or gateway): in the subnet, and neither the network nor the
     * broadcast address when the subnet has such addresses (prefix under 31).
     *
     * @param address a dotted-quad address
     * @return whether it is a usable host address
     */
    public boolean isHostAddress(String address) {
        if (!contains(address)) {
            return false;
        }
        long value = address(address).orElseThrow();
        return prefix >= 31 || (value != network && value != (network | (~mask(prefix) & 0xFFFFFFFFL)));
    }

    /**
     * The first host address, which Docker takes as the gateway when none is given.
     *
     * @return e.g. {@code 169.254.168.1} for {@code 169.254.168.0/21}
     */
    public String firstHost() {
        return text(prefix >= 31 ? network : network + 1);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    private static String text(long value) {
        return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);
    }

    @Override
    public String toString() {
        return text(network) + "/" + prefix;
    }
}
