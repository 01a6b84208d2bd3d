package dev.localecs.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The ECS model read from the AWS SDK is the one botocore describes: every operation, member (by wire name) and
 * type botocore has, at every depth. The SDK release may be newer than the installed botocore, so the SDK may
 * know more operations and members, never fewer or different ones.
 */
class EcsModelTest {
    private static final EcsModel MODEL = EcsModel.fromSdk();
    private int leaves;

    @Test
    void knowsEveryOperationBotocoreKnows() {
        assertThat(MODEL.operations()).containsAll(BotocoreEcsModel.operations());
        assertThat(MODEL.isOperation("RunTask")).isTrue();
        assertThat(MODEL.isOperation("NoSuchOperation")).isFalse();
        assertThat(MODEL.isOperation("runTask")).as("operation names are case-sensitive").isFalse();
    }

    @Test
    void everyInputMemberHasBotocoresWireNameAndTypeAtEveryDepth() {
        List<String> differences = new ArrayList<>();
        for (String operation : BotocoreEcsModel.operations()) {
            compare(operation, MODEL.input(operation).orElseThrow(), BotocoreEcsModel.input(operation),
                    differences, new IdentityHashMap<>());
        }
        assertThat(differences).isEmpty();
        assertThat(leaves).as("scalar members compared").isGreaterThan(500);
    }

    @Test
    void buildsTheModelQuickly() {
        long start = System.nanoTime();
        EcsModel again = EcsModel.fromSdk();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(again.operations()).isEqualTo(MODEL.operations());
        assertThat(millis).as("a second build (classes loaded) takes %d ms", millis).isLessThan(1000);
    }

    private void compare(String path, WireShape ours, JsonNode theirs, List<String> differences,
                                Map<WireShape, Boolean> seen) {
        // botocore writes a document as a structure marked "document"
        String type = theirs.path("document").asBoolean() ? "document" : theirs.get("type").asText();
        switch (ours) {
            case WireShape.Structure structure -> {
                if (!type.equals("structure")) {
                    differences.add(path + ": structure here, " + type + " in botocore");
                    return;
                }
                if (seen.put(structure, Boolean.TRUE) != null) {
                    return;
                }
                Set<String> names = new TreeSet<>();
                theirs.get("members").fieldNames().forEachRemaining(names::add);
                if (!structure.members().keySet().containsAll(names)) {
                    differences.add(path + ": members " + new TreeSet<>(structure.members().keySet())
                            + " here, " + names + " in botocore");
                }
                for (String name : names) {
                    structure.member(name).ifPresent(member -> compare(path + "." + name, member,
                            BotocoreEcsModel.shape(theirs.get("members").get(name).get("shape").asText()),
                            differences, seen));
                }
            }
            case WireShape.ListOf list -> {
                if (type.equals("list")) {
                    compare(path + "[]", list.member(), BotocoreEcsModel.shape(theirs.at("/member/shape").asText()),
                            differences, seen);
                } else {
                    differences.add(path + ": list here, " + type + " in botocore");
                }
            }
            case WireShape.MapOf map -> {
                if (type.equals("map")) {
                    compare(path + "{}", map.value(), BotocoreEcsModel.shape(theirs.at("/value/shape").asText()),
                            differences, seen);
                } else {
                    differences.add(path + ": map here, " + type + " in botocore");
                }
            }
            case WireShape.Scalar scalar -> {
                leaves++;
                String expected = switch (type) {
                    case "string" -> "STRING";
                    case "integer" -> "INTEGER";
                    case "long" -> "LONG";
                    case "double", "float" -> "DOUBLE";
                    case "boolean" -> "BOOLEAN";
                    case "timestamp" -> theirs.has("timestampFormat")
                            && !theirs.get("timestampFormat").asText().equals("unixTimestamp") ? "STRING" : "TIMESTAMP";
                    case "blob" -> "BLOB";
                    case "document" -> "DOCUMENT";
                    default -> type;
                };
                if (!expected.equals(scalar.kind().name())) {
                    differences.add(path + ": " + scalar.kind() + " here, " + type + " in botocore");
                }
            }
        }
    }
}
