package dev.localecs.plugins.gateways;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import java.util.List;

/**
 * The {@code hostSharedAlb} configuration: ECS's checks and defaults (protocol HTTP, port 80 for HTTP and 443 for
 * HTTPS, scheme internet-facing, maxAlbCount 10, httpDesync defensive, ipAddressType ipv4), and the members
 * UpdateGateway may change.
 */
final class GatewayConfigurations {
    /** Members of {@code UpdateGatewayAlbConfiguration}. */
    static final List<String> UPDATABLE = List.of("maxAlbCount", "webACLArn", "accessLogs", "httpDesync",
            "testTrafficRules");
    private static final int MAX_ALB_COUNT = 10;

    private GatewayConfigurations() {
    }

    /** The stored {@code hostSharedAlb} of CreateGateway's {@code configuration}. */
    static ObjectNode create(PluginContext context, JsonNode configuration) {
        JsonNode given = configuration.path("hostSharedAlb");
        if (!given.isObject()) {
            throw EcsException.invalidParameter("The gateway configuration must specify hostSharedAlb.");
        }
        ObjectNode alb = ((ObjectNode) given).deepCopy();
        String protocol = text(alb, "protocol", "HTTP");
        oneOf("protocol", protocol, List.of("HTTP", "HTTPS"));
        alb.put("protocol", protocol);
        if (!alb.has("port")) {
            alb.put("port", protocol.equals("HTTPS") ? 443 : 80);
        }
        int port = alb.path("port").asInt();
        if (port < 1 || port > 65_535) {
            throw EcsException.invalidParameter("hostSharedAlb.port must be between 1 and 65535.");
        }
        String scheme = text(alb, "scheme", "internet-facing");
        oneOf("scheme", scheme, List.of("internet-facing", "internal"));
        alb.put("scheme", scheme);
        ObjectNode network = alb.has("networkConfiguration") ? (ObjectNode) alb.get("networkConfiguration")
                : alb.putObject("networkConfiguration");
        String addressType = text(network, "ipAddressType", "ipv4");
        oneOf("networkConfiguration.ipAddressType", addressType,
                List.of("ipv4", "dualstack", "dualstack-without-public-ipv4"));
        network.put("ipAddressType", addressType);
        if (!network.has("subnets")) {
            network.putArray("subnets");
        }
        if (!alb.has("maxAlbCount")) {
            alb.put("maxAlbCount", MAX_ALB_COUNT);
        }
        if (!alb.has("httpDesync")) {
            alb.put("httpDesync", "defensive");
        }
        checkCommon(alb);
        return alb;
    }

    /** The stored {@code hostSharedAlb} after UpdateGateway's {@code configuration.hostSharedAlb}. */
    static ObjectNode update(ObjectNode stored, JsonNode configuration) {
        ObjectNode alb = stored.deepCopy();
        JsonNode given = configuration.path("hostSharedAlb");
        if (configuration.isMissingNode() || configuration.isNull()) {
            return alb;
        }
        if (!given.isObject()) {
            throw EcsException.invalidParameter("The gateway configuration must specify hostSharedAlb.");
        }
        for (String member : UPDATABLE) {
            if (given.has(member) && !given.get(member).isNull()) {
                alb.set(member, given.get(member).deepCopy());
            }
        }
        JsonNode group = given.path("networkConfiguration").path("inboundSecurityGroup");
        if (group.isTextual()) {
            ((ObjectNode) alb.get("networkConfiguration")).put("inboundSecurityGroup", group.asText());
        }
        checkCommon(alb);
        return alb;
    }

    private static void checkCommon(ObjectNode alb) {
        int max = alb.path("maxAlbCount").asInt();
        if (max < 1 || max > MAX_ALB_COUNT) {
            throw EcsException.invalidParameter("hostSharedAlb.maxAlbCount must be between 1 and " + MAX_ALB_COUNT
                    + ".");
        }
        oneOf("httpDesync", alb.path("httpDesync").asText(), List.of("monitor", "defensive", "strictest"));
        JsonNode bucket = alb.path("accessLogs").path("destination").path("s3");
        if (alb.has("accessLogs") && bucket.path("bucket").asText("").isEmpty()) {
            throw EcsException.invalidParameter("hostSharedAlb.accessLogs.destination.s3.bucket is required.");
        }
        JsonNode header = alb.path("testTrafficRules").path("header");
        if (alb.has("testTrafficRules") && header.path("name").asText("").isEmpty()) {
            throw EcsException.invalidParameter("hostSharedAlb.testTrafficRules.header.name is required.");
        }
    }

    private static String text(JsonNode node, String member, String fallback) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static void oneOf(String member, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw EcsException.invalidParameter("Invalid " + member + " '" + value + "'. Valid values: "
                    + String.join(", ", allowed) + ".");
        }
    }

    static String propagateTags(String value, String fallback) {
        String propagate = value == null ? fallback : value;
        oneOf("propagateTags", propagate, List.of("NONE", "GATEWAY"));
        return propagate;
    }

    /** An IAM role ARN, as {@code infrastructureRoleArn} must be. */
    static String role(String arn) {
        if (!arn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}")) {
            throw EcsException.invalidParameter("Invalid infrastructureRoleArn '" + arn + "'. Specify the ARN of an "
                    + "IAM role (arn:aws:iam::<account>:role/<name>).");
        }
        return arn;
    }
}
