package dev.localecs.plugins.services.network;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Elastic Load Balancing v2 (the AWS Query protocol, version 2015-12-01): a target group's port and target type,
 * and targets registered and deregistered as ECS does.
 */
final class TargetGroups {
    /** What the front door and the registrations need of a target group. */
    record Group(Optional<Integer> port, String targetType) {
    }

    private final AwsPeer peer;
    private final Map<String, Group> groups = new ConcurrentHashMap<>();

    TargetGroups(AwsPeer peer) {
        this.peer = peer;
    }

    Group group(String targetGroupArn) {
        Group known = groups.get(targetGroupArn);
        if (known != null) {
            return known;
        }
        Document answer = call("DescribeTargetGroups", Map.of("TargetGroupArns.member.1", targetGroupArn));
        Optional<Integer> port = first(answer, "Port").map(Integer::valueOf);
        Group group = new Group(port, first(answer, "TargetType").orElse("instance"));
        groups.put(targetGroupArn, group);
        return group;
    }

    void register(String targetGroupArn, String id, int port) {
        call("RegisterTargets", target(targetGroupArn, id, port));
    }

    void deregister(String targetGroupArn, String id, int port) {
        call("DeregisterTargets", target(targetGroupArn, id, port));
    }

    String endpoint() {
        return peer.endpoint().toString();
    }

    private static Map<String, String> target(String targetGroupArn, String id, int port) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("TargetGroupArn", targetGroupArn);
        parameters.put("Targets.member.1.Id", id);
        parameters.put("Targets.member.1.Port", Integer.toString(port));
        return parameters;
    }

    private Document call(String action, Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Action", action);
        all.put("Version", "2015-12-01");
        all.putAll(parameters);
        String body = all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String answer = peer.post("application/x-www-form-urlencoded; charset=utf-8", Map.of(), body);
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AwsPeer.AwsCallException(action + " at " + peer.endpoint() + " answered no XML");
        }
    }

    private static Optional<String> first(Document document, String element) {
        NodeList nodes = document.getElementsByTagName(element);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of(nodes.item(0).getTextContent().trim());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
