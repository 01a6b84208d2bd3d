package dev.localecs.runtime.protocol;

import dev.localecs.api.EcsJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.runtime.transform.Marshaller;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.protocols.json.AwsJsonProtocol;
import software.amazon.awssdk.protocols.json.AwsJsonProtocolFactory;
import software.amazon.awssdk.protocols.json.BaseAwsJsonProtocolFactory;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsRequest;
import software.amazon.awssdk.services.ecs.model.EcsResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * What real clients write passes the check: for every operation, a request with every member set (at every
 * depth) is serialized by the AWS SDK for Java's own AWS JSON 1.1 marshaller, exactly as {@link EcsClient}
 * would send it, and by botocore's serializer (the AWS CLI's and boto3's) — timestamps, doubles, documents
 * included — and the check accepts every body.
 */
class ClientWrittenBodiesTest {
    private static final ObjectMapper JSON = EcsJson.create();
    private static final WireTypeCheck CHECK = new WireTypeCheck(EcsModel.bundled());

    @Test
    @SuppressWarnings("deprecation") // the client's own endpoint option is all a bare marshaller needs
    void everyFullyPopulatedRequestTheSdkWritesPasses() throws Exception {
        BaseAwsJsonProtocolFactory protocol = AwsJsonProtocolFactory.builder()
                .clientConfiguration(SdkClientConfiguration.builder()
                        .option(SdkClientOption.ENDPOINT, URI.create("http://127.0.0.1:1")).build())
                .protocol(AwsJsonProtocol.AWS_JSON)
                .protocolVersion("1.1")
                .build();
        List<String> operations = new ArrayList<>();
        for (Method method : EcsClient.class.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (Modifier.isStatic(method.getModifiers()) || parameters.length != 1
                    || !EcsRequest.class.isAssignableFrom(parameters[0])
                    || !EcsResponse.class.isAssignableFrom(method.getReturnType())) {
                continue;
            }
            String operation = parameters[0].getSimpleName().replaceAll("Request$", "");
            Object request = populated((SdkPojo) parameters[0].getMethod("builder").invoke(null), new HashSet<>());
            JsonNode body = marshal(protocol, parameters[0], request);
            assertThat(body.size()).as(operation + " has members set").isPositive();
            assertThatCode(() -> CHECK.check(operation, body)).as(operation + " " + body).doesNotThrowAnyException();
            operations.add(operation);
        }
        assertThat(operations).containsExactlyInAnyOrderElementsOf(EcsModel.bundled().operations());
    }

    @Test
    void everyFullyPopulatedRequestBotocoreWritesPasses() throws Exception {
        Path script = Path.of(ClientWrittenBodiesTest.class.getResource("botocore-bodies.py").toURI());
        Process python = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(out).isZero();
        List<String> operations = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            JsonNode entry = JSON.readTree(line);
            String operation = entry.get("operation").asText();
            JsonNode body = entry.get("body");
            assertThatCode(() -> CHECK.check(operation, body)).as(operation + " " + body).doesNotThrowAnyException();
            operations.add(operation);
        }
        assertThat(operations).containsExactlyInAnyOrderElementsOf(BotocoreEcsModel.operations());
    }

    @SuppressWarnings("unchecked")
    private static JsonNode marshal(BaseAwsJsonProtocolFactory protocol, Class<?> requestType, Object request)
            throws Exception {
        Class<?> marshallerType = Class.forName("software.amazon.awssdk.services.ecs.transform."
                + requestType.getSimpleName() + "Marshaller");
        Marshaller<Object> marshaller = (Marshaller<Object>) marshallerType
                .getConstructor(BaseAwsJsonProtocolFactory.class).newInstance(protocol);
        SdkHttpFullRequest http = marshaller.marshall(request);
        try (InputStream in = http.contentStreamProvider().orElseThrow().newStream()) {
            return JSON.readTree(in);
        }
    }

    /** Sets every member of a builder and builds it; a structure already being built is left out. */
    private static Object populated(SdkPojo builder, Set<Class<?>> building) {
        Class<?> type = builder.getClass();
        if (!building.add(type)) {
            return ((SdkBuilder<?, ?>) builder).build();
        }
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = value(field, building);
            if (value != null) {
                field.set(builder, value);
            }
        }
        building.remove(type);
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object value(SdkField<?> field, Set<Class<?>> building) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return "text";
        }
        if (type == MarshallingType.INTEGER) {
            return 3;
        }
        if (type == MarshallingType.LONG) {
            return 3L;
        }
        if (type == MarshallingType.DOUBLE) {
            return 0.5d;
        }
        if (type == MarshallingType.FLOAT) {
            return 0.5f;
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return new BigDecimal("0.5");
        }
        if (type == MarshallingType.BOOLEAN) {
            return Boolean.TRUE;
        }
        if (type == MarshallingType.INSTANT) {
            return Instant.parse("2026-11-30T05:00:00.250Z");
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromUtf8String("bytes");
        }
        if (type == MarshallingType.DOCUMENT) {
            return Document.mapBuilder().putString("a", "b").putNumber("n", 1).build();
        }
        if (type == MarshallingType.LIST) {
            Object member = value(field.getRequiredTrait(ListTrait.class).memberFieldInfo(), building);
            return member == null ? List.of() : List.of(member);
        }
        if (type == MarshallingType.MAP) {
            Object value = value(field.getRequiredTrait(MapTrait.class).valueFieldInfo(), building);
            return value == null ? Map.of() : Map.of("k", value);
        }
        if (type == MarshallingType.SDK_POJO) {
            return populated(field.constructor().get(), building);
        }
        throw new IllegalStateException("unexpected member type " + type + " of " + field.memberName());
    }
}
