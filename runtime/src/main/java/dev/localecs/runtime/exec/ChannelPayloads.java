package dev.localecs.runtime.exec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of the data channel, named as the Session Manager plugin names their members, and
 * their (de)serialisation. Unknown members are ignored: newer clients add some.
 */
final class ChannelPayloads {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ChannelPayloads() {
    }

    /** The first (text) frame a client sends: the token, and who the client is. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OpenDataChannel(@JsonProperty("MessageSchemaVersion") String messageSchemaVersion,
                           @JsonProperty("RequestId") String requestId,
                           @JsonProperty("TokenValue") String tokenValue,
                           @JsonProperty("ClientId") String clientId,
                           @JsonProperty("ClientVersion") String clientVersion) {
    }

    /** The content of an {@code acknowledge} message. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Acknowledgement(@JsonProperty("AcknowledgedMessageType") String messageType,
                           @JsonProperty("AcknowledgedMessageId") String messageId,
                           @JsonProperty("AcknowledgedMessageSequenceNumber") long sequenceNumber,
                           @JsonProperty("IsSequentialMessage") boolean sequential) {
    }

    /** A terminal size ({@link PayloadType#SIZE}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TerminalSize(@JsonProperty("cols") int columns, @JsonProperty("rows") int rows) {
    }

    /** One action the agent asks the client to take in the handshake. */
    record RequestedClientAction(@JsonProperty("ActionType") String actionType,
                                 @JsonProperty("ActionParameters") Object actionParameters) {
    }

    /** {@link PayloadType#HANDSHAKE_REQUEST}: the agent's version and the session type. */
    record HandshakeRequest(@JsonProperty("AgentVersion") String agentVersion,
                            @JsonProperty("RequestedClientActions") List<RequestedClientAction> actions) {
    }

    /** One action the client reports in its handshake response ({@code ActionStatus} 1 = success). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProcessedClientAction(@JsonProperty("ActionType") String actionType,
                                 @JsonProperty("ActionStatus") int actionStatus,
                                 @JsonProperty("Error") String error) {
    }

    /** {@link PayloadType#HANDSHAKE_RESPONSE}: what the client did. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record HandshakeResponse(@JsonProperty("ClientVersion") String clientVersion,
                             @JsonProperty("ProcessedClientActions") List<ProcessedClientAction> actions,
                             @JsonProperty("Errors") List<String> errors) {
    }

    /** {@link PayloadType#HANDSHAKE_COMPLETE}: how long the handshake took (nanoseconds) and a message to show. */
    record HandshakeComplete(@JsonProperty("HandshakeTimeToComplete") long timeToCompleteNanos,
                             @JsonProperty("CustomerMessage") String customerMessage) {
    }

    /** The content of a {@code channel_closed} message. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ChannelClosed(@JsonProperty("MessageId") String messageId,
                         @JsonProperty("CreatedDate") String createdDate,
                         @JsonProperty("DestinationId") String destinationId,
                         @JsonProperty("SessionId") String sessionId,
                         @JsonProperty("MessageType") String messageType,
                         @JsonProperty("SchemaVersion") int schemaVersion,
                         @JsonProperty("Output") String output) {
    }

    /** The session type ECS Exec asks for, with the command as the SSM agent's shell properties carry it. */
    static HandshakeRequest interactiveCommands(String agentVersion, String command) {
        Map<String, Object> shell = Map.of("commands", command, "runAsElevated", false);
        return new HandshakeRequest(agentVersion, List.of(new RequestedClientAction("SessionType",
                Map.of("SessionType", "InteractiveCommands", "Properties", Map.of("Linux", shell)))));
    }

    static byte[] write(Object document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a document.
     *
     * @throws MalformedMessageException when it is not that document
     */
    static <T> T read(byte[] bytes, Class<T> type) {
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new MalformedMessageException("expected a JSON object for " + type.getSimpleName());
            }
            return JSON.treeToValue(tree, type);
        } catch (IOException e) {
            throw new MalformedMessageException("not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    static <T> T read(String text, Class<T> type) {
        return read(text.getBytes(StandardCharsets.UTF_8), type);
    }
}
