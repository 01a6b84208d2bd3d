package dev.localecs.runtime.protocol;

import dev.localecs.api.EcsJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every member of every ECS operation's input, at every depth, is type-checked: the bodies here are built from
 * botocore's model (independently of the SDK the check reads), fully populated with valid values, then broken
 * one member at a time.
 */
class WireTypeCheckTest {
    private static final ObjectMapper JSON = EcsJson.create();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final WireTypeCheck CHECK = new WireTypeCheck(EcsModel.bundled());

    @Test
    void aFullyPopulatedValidRequestOfEveryOperationPasses() {
        for (String operation : BotocoreEcsModel.operations()) {
            ObjectNode body = valid(BotocoreEcsModel.input(operation), new HashSet<>()).deepCopy();
            assertThatCode(() -> CHECK.check(operation, body)).as(operation + " " + body).doesNotThrowAnyException();
        }
    }

    @Test
    void everyTopLevelMemberOfEveryOperationRefusesEveryWrongJsonType() {
        int cases = 0;
        for (String operation : BotocoreEcsModel.operations()) {
            JsonNode input = BotocoreEcsModel.input(operation);
            ObjectNode valid = valid(input, new HashSet<>());
            for (Map.Entry<String, JsonNode> member : input.path("members").properties()) {
                JsonNode shape = BotocoreEcsModel.shape(member.getValue().get("shape").asText());
                for (JsonNode wrong : wrongValues(shape)) {
                    ObjectNode body = valid.deepCopy();
                    body.set(member.getKey(), wrong);
                    assertRefused(operation, body, member.getKey());
                    cases++;
                }
            }
        }
        assertThat(cases).as("wrong-type cases tried").isGreaterThan(1200);
    }

    @Test
    void everyNestedMemberOfEveryOperationRefusesAWrongJsonType() {
        int cases = 0;
        for (String operation : BotocoreEcsModel.operations()) {
            ObjectNode valid = valid(BotocoreEcsModel.input(operation), new HashSet<>());
            List<Leaf> leaves = new ArrayList<>();
            collect(BotocoreEcsModel.input(operation), valid, "", leaves, new HashSet<>());
            for (Leaf leaf : leaves) {
                ObjectNode body = valid.deepCopy();
                leaf.replaceIn(body);
                assertRefused(operation, body, leaf.path());
                cases++;
            }
        }
        assertThat(cases).as("nested wrong-type cases tried").isGreaterThan(1200);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            RunTask | {"taskDefinition":"F","placementStrategy":"x"} | Expected list or null at 'placementStrategy': expected a list, found a string.
            RunTask | {"taskDefinition":"F","placementConstraints":{"type":"memberOf"}} | Start of structure or map found where not expected at 'placementConstraints': expected a list.
            RunTask | {"taskDefinition":"F","placementStrategy":[{"type":"spread","field":["az"]}]} | Start of list found where not expected at 'placementStrategy[0].field': expected a string.
            RunTask | {"taskDefinition":"F","overrides":{"containerOverrides":[{"name":"a","environment":[{"name":"X","value":5}]}]}} | class java.lang.Short can not be converted to an String at 'overrides.containerOverrides[0].environment[0].value': expected a string, found a number.
            RunTask | {"taskDefinition":"F","overrides":7} | Expected null at 'overrides': expected a structure, found a number.
            RunTask | {"taskDefinition":"F","count":"2"} | class java.lang.String can not be converted to an Integer at 'count': expected an integer, found a string.
            RunTask | {"taskDefinition":"F","count":1.0} | class java.lang.Double can not be converted to an Integer at 'count': expected an integer, found a number with a fraction or an exponent.
            RunTask | {"taskDefinition":"F","count":2147483648} | class java.lang.Long can not be converted to an Integer at 'count': expected an integer, found a number out of range.
            RunTask | {"taskDefinition":"F","enableExecuteCommand":40000} | class java.lang.Integer can not be converted to an Boolean at 'enableExecuteCommand': expected a boolean, found a number.
            RunTask | {"taskDefinition":"F","enableExecuteCommand":"true"} | class java.lang.String can not be converted to an Boolean at 'enableExecuteCommand': expected a boolean, found a string.
            RunTask | {"taskDefinition":"F","tags":[null]} | Null value found where not expected at 'tags[0]': expected a structure.
            RegisterTaskDefinition | {"family":"f","containerDefinitions":[{"name":"a","dockerLabels":{"k":1}}]} | class java.lang.Short can not be converted to an String at 'containerDefinitions[0].dockerLabels.k': expected a string, found a number.
            RegisterTaskDefinition | {"family":"f","containerDefinitions":[{"name":"a","dockerLabels":["k"]}]} | Start of list found where not expected at 'containerDefinitions[0].dockerLabels': expected a map.
            RegisterTaskDefinition | {"family":"f","containerDefinitions":[{"name":"a","dockerLabels":"k"}]} | Expected map or null at 'containerDefinitions[0].dockerLabels': expected a map, found a string.
            RegisterTaskDefinition | {"family":"f","containerDefinitions":[{"name":"a","dockerLabels":{"k":null}}]} | Null value found where not expected at 'containerDefinitions[0].dockerLabels.k': expected a string.
            RegisterTaskDefinition | {"family":"f","containerDefinitions":"x"} | Expected list or null at 'containerDefinitions': expected a list, found a string.
            ListServiceDeployments | {"service":"s","createdAt":{"after":"2024-01-01T00:00:00Z"}} | class java.lang.String can not be converted to a Timestamp at 'createdAt.after': expected a timestamp (epoch seconds as a number), found a string.
            PutAccountSetting | {"name":"awsvpcTrunking","value":true} | class java.lang.Boolean can not be converted to an String at 'value': expected a string, found a boolean.
            """)
    void namesTheMemberTheExpectedTypeAndWhatCame(String operation, String body, String message) throws Exception {
        JsonNode request = JSON.readTree(body);

        assertThatThrownBy(() -> CHECK.check(operation, request))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            RunTask | {"taskDefinition":"F","count":2,"startedBy":null}
            RunTask | {"taskDefinition":"F","aMemberFromANewerSdk":{"anything":[1,"x"]}}
            RunTask | {"taskDefinition":"F","overrides":{"containerOverrides":[{"name":"a","newMember":7}]}}
            RunTask | {"taskDefinition":"F","count":10,"enableECSManagedTags":false,"tags":[]}
            ListServiceDeployments | {"service":"s","createdAt":{"after":1700000000,"before":1700000000.25}}
            RegisterTaskDefinition | {"family":"f","containerDefinitions":[{"name":"a","dockerLabels":{}}]}
            StopTask | {}
            """)
    void acceptsWhatAwsJsonAllowsAndSdksSend(String operation, String body) throws Exception {
        JsonNode request = JSON.readTree(body);

        assertThatCode(() -> CHECK.check(operation, request)).doesNotThrowAnyException();
    }

    private static void assertRefused(String operation, ObjectNode body, String path) {
        assertThatThrownBy(() -> CHECK.check(operation, body))
                .as("%s with a wrong type at %s: %s", operation, path, body)
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION))
                .hasMessageContaining(" at '" + path + "': expected ");
    }

    /** One member somewhere in a valid body, and a wrong value for it. */
    private record Leaf(List<Object> steps, String path, JsonNode wrong) {
        void replaceIn(ObjectNode body) {
            JsonNode parent = body;
            for (Object step : steps.subList(0, steps.size() - 1)) {
                parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            }
            Object last = steps.get(steps.size() - 1);
            if (last instanceof Integer index) {
                ((ArrayNode) parent).set(index, wrong);
            } else {
                ((ObjectNode) parent).set((String) last, wrong);
            }
        }
    }

    private static void collect(JsonNode shape, JsonNode value, String path, List<Leaf> leaves, Set<String> onPath) {
        collect(shape, value, path, new ArrayList<>(), leaves, onPath);
    }

    private static void collect(JsonNode shape, JsonNode value, String path, List<Object> steps, List<Leaf> leaves,
                                Set<String> onPath) {
        if (!steps.isEmpty()) {
            wrongValues(shape).stream().findFirst().ifPresent(wrong -> leaves.add(new Leaf(List.copyOf(steps), path,
                    wrong)));
        }
        switch (type(shape)) {
            case "structure" -> shape.path("members").properties().forEach(member -> {
                JsonNode child = value.get(member.getKey());
                if (child != null) {
                    steps.add(member.getKey());
                    collect(BotocoreEcsModel.shape(member.getValue().get("shape").asText()), child,
                            path.isEmpty() ? member.getKey() : path + "." + member.getKey(), steps, leaves, onPath);
                    steps.remove(steps.size() - 1);
                }
            });
            case "list" -> {
                steps.add(0);
                collect(BotocoreEcsModel.shape(shape.at("/member/shape").asText()), value.get(0), path + "[0]", steps,
                        leaves, onPath);
                steps.remove(steps.size() - 1);
            }
            case "map" -> {
                steps.add("k");
                collect(BotocoreEcsModel.shape(shape.at("/value/shape").asText()), value.get("k"), path + ".k", steps,
                        leaves, onPath);
                steps.remove(steps.size() - 1);
            }
            default -> {
                // a scalar: its own leaf is already added
            }
        }
    }

    /** A valid value for every member, except a structure already on the path (ECS shapes do not recurse, but guard). */
    private static ObjectNode valid(JsonNode structure, Set<JsonNode> onPath) {
        ObjectNode body = NODES.objectNode();
        if (!onPath.add(structure)) {
            return body;
        }
        structure.path("members").properties().forEach(member ->
                body.set(member.getKey(), validValue(BotocoreEcsModel.shape(member.getValue().get("shape").asText()),
                        onPath)));
        onPath.remove(structure);
        return body;
    }

    private static JsonNode validValue(JsonNode shape, Set<JsonNode> onPath) {
        return switch (type(shape)) {
            case "structure" -> valid(shape, onPath);
            case "list" -> NODES.arrayNode().add(validValue(BotocoreEcsModel.shape(shape.at("/member/shape").asText()),
                    onPath));
            case "map" -> NODES.objectNode().set("k", validValue(BotocoreEcsModel.shape(shape.at("/value/shape")
                    .asText()), onPath));
            case "string" -> NODES.textNode(shape.has("enum") ? shape.get("enum").get(0).asText() : "text");
            case "integer", "long" -> NODES.numberNode(3);
            case "double", "float" -> NODES.numberNode(0.5);
            case "boolean" -> NODES.booleanNode(true);
            case "timestamp" -> NODES.numberNode(1700000000.25);
            case "blob" -> NODES.textNode("AAEC");
            case "document" -> NODES.objectNode().set("any", NODES.arrayNode().add(1).add("x"));
            default -> throw new IllegalStateException("botocore shape type " + shape);
        };
    }

    /** JSON values of each wrong type for a shape: what a confused or hostile client might send. */
    private static List<JsonNode> wrongValues(JsonNode shape) {
        JsonNode text = NODES.textNode("x");
        JsonNode number = NODES.numberNode(5);
        JsonNode bool = NODES.booleanNode(true);
        JsonNode object = NODES.objectNode().put("x", "y");
        JsonNode array = NODES.arrayNode().add("x");
        return switch (type(shape)) {
            case "structure", "map" -> List.of(text, number, bool, array);
            case "list" -> List.of(text, number, bool, object);
            case "string", "blob" -> List.of(number, bool, object, array);
            case "integer", "long" -> List.of(NODES.textNode("3"), NODES.numberNode(1.5), bool, object, array);
            case "double", "float" -> List.of(NODES.textNode("0.5"), bool, object, array);
            case "boolean" -> List.of(NODES.textNode("true"), number, object, array);
            case "timestamp" -> List.of(NODES.textNode("2024-01-01T00:00:00Z"), bool, object, array);
            case "document" -> List.of();
            default -> throw new IllegalStateException("botocore shape type " + shape);
        };
    }

    private static String type(JsonNode shape) {
        return shape.path("document").asBoolean() ? "document" : shape.get("type").asText();
    }
}
