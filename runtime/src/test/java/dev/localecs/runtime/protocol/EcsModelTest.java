package dev.localecs.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    void theResourceTheBuildWroteIsTheSdkModel() throws Exception {
        assertThat(EcsModel.class.getResource(EcsModelResource.RESOURCE)).as("written by the build").isNotNull();
        EcsModel bundled = EcsModel.bundled();

        assertThat(describe(bundled)).isEqualTo(describe(MODEL));
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        EcsModelResource.write(MODEL, written);
        EcsModel reread = EcsModelResource.read(new ByteArrayInputStream(written.toByteArray()));
        assertThat(describe(reread)).isEqualTo(describe(MODEL));
    }

    @Test
    void readsTheResourceQuickly() {
        EcsModel.bundled();
        long start = System.nanoTime();
        EcsModel again = EcsModel.bundled();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(again.operations()).isEqualTo(MODEL.operations());
        assertThat(millis).as("reading the model resource takes %d ms", millis).isLessThan(500);
    }

    /** Every operation's input written out in full, structures expanded once per path, for comparing models. */
    private static String describe(EcsModel model) {
        StringBuilder out = new StringBuilder();
        for (String operation : model.operations()) {
            out.append(operation).append(": ");
            describe(model.input(operation).orElseThrow(), out, new HashSet<>());
            out.append('\n');
        }
        return out.toString();
    }

    private static void describe(WireShape shape, StringBuilder out, Set<String> onPath) {
        switch (shape) {
            case WireShape.Structure structure -> {
                out.append(structure.name());
                if (!onPath.add(structure.name())) {
                    return;
                }
                out.append('{');
                new TreeMap<>(structure.members()).forEach((name, member) -> {
                    out.append(name).append('=');
                    describe(member, out, onPath);
                    out.append(',');
                });
                out.append('}');
                onPath.remove(structure.name());
            }
            case WireShape.ListOf list -> {
                out.append("list<");
                describe(list.member(), out, onPath);
                out.append('>');
            }
            case WireShape.MapOf map -> {
                out.append("map<");
                describe(map.value(), out, onPath);
                out.append('>');
            }
            case WireShape.Scalar scalar -> out.append(scalar.kind());
        }
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
