package dev.localecs.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.ExecSession;
import dev.localecs.api.ExecSessionRequest;
import dev.localecs.runtime.tasks.InteractiveExec;
import dev.localecs.testing.MovableClock;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketContext;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One data-channel connection against a fake socket and a fake command: the token check, the handshake,
 * acknowledgements, in-order input, terminal size, output, retransmission and the end of the session.
 */
class DataChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MovableClock clock = new MovableClock();
    private final ExecSessionRegistry registry = new ExecSessionRegistry(clock, Duration.ofMinutes(5));
    private final List<FakeExec> started = new CopyOnWriteArrayList<>();
    private RuntimeException launchFailure;
    private final DataChannels channels = new DataChannels(registry, (session, output) -> {
        if (launchFailure != null) {
            throw launchFailure;
        }
        FakeExec exec = new FakeExec(session.command(), output);
        started.add(exec);
        return exec;
    }, clock);

    @AfterEach
    void close() {
        channels.close();
    }

    private ExecSession session() {
        return registry.open(new ExecSessionRequest("default", "0123456789abcdef0123456789abcdef", "app", "/bin/sh",
                Optional.of("127.0.0.1:8000")));
    }

    private static WsListener connect(DataChannels channels, ExecSession session, FakeSocket socket) {
        WsListener channel = channels.newChannel();
        channel.onHttpUpgrade(HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", Method.GET,
                "/v1/data-channel/" + session.sessionId() + "?role=publish_subscribe", false), WritableHeaders.create());
        channel.onOpen(socket);
        return channel;
    }

    private static String open(String token, String clientVersion) {
        return "{\"MessageSchemaVersion\":\"1.0\",\"RequestId\":\"" + UUID.randomUUID() + "\",\"TokenValue\":\"" + token
                + "\"" + (clientVersion == null ? "" : ",\"ClientVersion\":\"" + clientVersion + "\"") + "}";
    }

    private static void input(WsListener channel, FakeSocket socket, long sequence, PayloadType type, String payload) {
        byte[] frame = AgentMessage.create(MessageTypes.INPUT_STREAM_DATA, sequence, 0, type,
                payload.getBytes(StandardCharsets.UTF_8), 0).encode();
        channel.onMessage(socket, BufferData.create(frame), true);
    }

    private static void acknowledge(WsListener channel, FakeSocket socket, AgentMessage message) {
        String content = "{\"AcknowledgedMessageType\":\"output_stream_data\",\"AcknowledgedMessageId\":\""
                + message.messageId() + "\",\"AcknowledgedMessageSequenceNumber\":" + message.sequenceNumber()
                + ",\"IsSequentialMessage\":true}";
        channel.onMessage(socket, BufferData.create(AgentMessage.create(MessageTypes.ACKNOWLEDGE,
                message.sequenceNumber(), 0, 0, content.getBytes(StandardCharsets.UTF_8), 0).encode()), true);
    }

    private static JsonNode json(AgentMessage message) throws Exception {
        return JSON.readTree(message.payload());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aClientWithoutVersionGetsTheCommandAtOnceAndEveryStreamMessageAcknowledged() throws Exception {
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), null), true);

        assertThat(started).hasSize(1);
        FakeExec exec = started.get(0);
        assertThat(exec.command).containsExactly("/bin/sh");
        // out of order: the text (1) before the size (0)
        input(channel, socket, 1, PayloadType.OUTPUT, "echo hi; exit\n");
        assertThat(exec.input()).isEmpty();
        input(channel, socket, 0, PayloadType.SIZE, "{\"cols\":120,\"rows\":40}");
        assertThat(exec.resizes).containsExactly("120x40");
        assertThat(exec.input()).isEqualTo("echo hi; exit\n");
        input(channel, socket, 1, PayloadType.OUTPUT, "echo hi; exit\n");
        assertThat(exec.input()).as("a retransmitted input is not typed twice").isEqualTo("echo hi; exit\n");

        List<AgentMessage> acks = socket.messages(MessageTypes.ACKNOWLEDGE);
        assertThat(acks).hasSize(3);
        assertThat(acks).extracting(m -> json(m).get("AcknowledgedMessageSequenceNumber").asLong())
                .containsExactly(1L, 0L, 1L);
        assertThat(json(acks.get(0)).get("AcknowledgedMessageType").asText()).isEqualTo("input_stream_data");
        assertThat(acks).allSatisfy(m -> assertThat(m.digestMatches()).isTrue());

        exec.output.write("hi\r\n".getBytes(StandardCharsets.UTF_8));
        AgentMessage output = socket.messages(MessageTypes.OUTPUT_STREAM_DATA).get(0);
        assertThat(output.sequenceNumber()).isZero();
        assertThat(output.flags()).isEqualTo(AgentMessage.FLAG_SYN);
        assertThat(output.knownPayloadType()).contains(PayloadType.OUTPUT);
        assertThat(new String(output.payload(), StandardCharsets.UTF_8)).isEqualTo("hi\r\n");
        assertThat(output.digestMatches()).isTrue();
        acknowledge(channel, socket, output);

        exec.output.ended(Optional.of(0));
        await(() -> socket.closeCode != null, "the socket to close");
        AgentMessage closed = socket.messages(MessageTypes.CHANNEL_CLOSED).get(0);
        assertThat(json(closed).get("SessionId").asText()).isEqualTo(session.sessionId());
        assertThat(json(closed).get("MessageType").asText()).isEqualTo("channel_closed");
        assertThat(socket.closeCode).isEqualTo(1000);
        assertThat(registry.size()).as("the session is over").isZero();
        assertThat(channels.openChannels()).isZero();
    }

    @Test
    void longOutputGoesInNumberedChunks() {
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), null), true);
        started.get(0).output.write(new byte[DataChannel.CHUNK * 2 + 10]);
        assertThat(socket.messages(MessageTypes.OUTPUT_STREAM_DATA)).extracting(m -> m.payload().length)
                .containsExactly(DataChannel.CHUNK, DataChannel.CHUNK, 10);
        assertThat(socket.messages(MessageTypes.OUTPUT_STREAM_DATA)).extracting(AgentMessage::sequenceNumber)
                .containsExactly(0L, 1L, 2L);
    }

    @Test
    void theSessionManagerPluginHandshakesBeforeTheCommandStarts() throws Exception {
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), "1.2.650.0"), true);

        AgentMessage request = socket.messages(MessageTypes.OUTPUT_STREAM_DATA).get(0);
        assertThat(request.knownPayloadType()).contains(PayloadType.HANDSHAKE_REQUEST);
        assertThat(json(request).at("/RequestedClientActions/0/ActionType").asText()).isEqualTo("SessionType");
        assertThat(json(request).at("/RequestedClientActions/0/ActionParameters/SessionType").asText())
                .isEqualTo("InteractiveCommands");
        assertThat(json(request).get("AgentVersion").asText()).isNotBlank();
        assertThat(started).as("nothing runs before the handshake").isEmpty();

        input(channel, socket, 0, PayloadType.HANDSHAKE_RESPONSE, "{\"ClientVersion\":\"1.2.650.0\","
                + "\"ProcessedClientActions\":[{\"ActionType\":\"SessionType\",\"ActionStatus\":1}],\"Errors\":[]}");
        List<AgentMessage> out = socket.messages(MessageTypes.OUTPUT_STREAM_DATA);
        assertThat(out).hasSize(2);
        assertThat(out.get(1).knownPayloadType()).contains(PayloadType.HANDSHAKE_COMPLETE);
        assertThat(out.get(1).sequenceNumber()).isEqualTo(1);
        assertThat(json(out.get(1)).has("HandshakeTimeToComplete")).isTrue();
        assertThat(started).hasSize(1);
        assertThat(socket.messages(MessageTypes.ACKNOWLEDGE)).hasSize(1);
    }

    @Test
    void aHandshakeTheClientFailsEndsTheSessionWithoutRunningAnything() throws Exception {
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), "1.2.650.0"), true);
        input(channel, socket, 0, PayloadType.HANDSHAKE_RESPONSE, "{\"ProcessedClientActions\":[{\"ActionType\":"
                + "\"SessionType\",\"ActionStatus\":3,\"Error\":\"unsupported\"}]}");
        await(() -> socket.closeCode != null, "the socket to close");
        assertThat(json(socket.messages(MessageTypes.CHANNEL_CLOSED).get(0)).get("Output").asText())
                .isEqualTo("The client did not complete the handshake: SessionType: unsupported");
        assertThat(started).isEmpty();
    }

    @Test
    void aWrongTokenIsRefusedAndTheSessionStillOpensWithItsOwn() {
        ExecSession session = session();
        FakeSocket intruder = new FakeSocket();
        WsListener refused = connect(channels, session, intruder);
        refused.onMessage(intruder, open("not-the-token", null), true);
        assertThat(intruder.closeCode).isEqualTo(1008);
        assertThat(intruder.frames).isEmpty();
        assertThat(started).isEmpty();

        FakeSocket early = new FakeSocket();
        WsListener binaryFirst = connect(channels, session, early);
        input(binaryFirst, early, 0, PayloadType.OUTPUT, "ls\n");
        assertThat(early.closeCode).as("binary before OpenDataChannel").isEqualTo(1008);

        FakeSocket socket = new FakeSocket();
        connect(channels, session, socket).onMessage(socket, open(session.tokenValue(), null), true);
        assertThat(socket.closeCode).isNull();
        assertThat(started).hasSize(1);

        FakeSocket second = new FakeSocket();
        connect(channels, session, second).onMessage(second, open(session.tokenValue(), null), true);
        assertThat(second.closeCode).as("a session has one connection").isEqualTo(1008);
    }

    @Test
    void unacknowledgedOutputIsSentAgainUntilAcknowledged() throws Exception {
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), null), true);
        started.get(0).output.write("x".getBytes(StandardCharsets.UTF_8));
        AgentMessage first = socket.messages(MessageTypes.OUTPUT_STREAM_DATA).get(0);

        clock.advance(DataChannels.RETRANSMISSION_TIMEOUT);
        await(() -> socket.messages(MessageTypes.OUTPUT_STREAM_DATA).size() == 2, "the retransmission");
        assertThat(socket.messages(MessageTypes.OUTPUT_STREAM_DATA).get(1)).isEqualTo(first);

        acknowledge(channel, socket, first);
        clock.advance(DataChannels.RETRANSMISSION_TIMEOUT.multipliedBy(3));
        Thread.sleep(DataChannels.TICK.toMillis() * 3);
        assertThat(socket.messages(MessageTypes.OUTPUT_STREAM_DATA)).hasSize(2);
    }

    @Test
    void theClientGoingAwayDetachesFromTheCommandAndEndsTheSession() {
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), null), true);
        channel.onClose(socket, 1000, "");
        assertThat(started.get(0).closed).isTrue();
        assertThat(registry.size()).isZero();
        assertThat(channels.openChannels()).isZero();
    }

    @Test
    void aClientThatVanishesWithoutACloseFrameIsNoticedByItsPingsAndTheCommandEnds() throws Exception {
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), null), true);
        socket.gone = true;
        await(() -> started.get(0).closed, "the command to be detached");
        assertThat(registry.size()).isZero();
        assertThat(channels.openChannels()).isZero();
    }

    @Test
    void aFailedWriteEndsTheSession() throws Exception {
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), null), true);
        socket.gone = true;
        started.get(0).output.write("lost".getBytes(StandardCharsets.UTF_8));
        await(() -> started.get(0).closed, "the command to be detached");
        assertThat(channels.openChannels()).isZero();
    }

    @Test
    void aTerminateFlagEndsTheCommand() {
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), null), true);
        byte[] flag = ByteBuffer.allocate(4).putInt(PayloadType.TERMINATE_SESSION).array();
        channel.onMessage(socket, BufferData.create(AgentMessage.create(MessageTypes.INPUT_STREAM_DATA, 0, 0,
                PayloadType.FLAG, flag, 0).encode()), true);
        assertThat(started.get(0).closed).isTrue();
    }

    @Test
    void aCommandThatCannotStartIsReportedOnTheTerminalAndInChannelClosed() throws Exception {
        launchFailure = new IllegalStateException("Container 'app' of task x is not running.");
        ExecSession session = session();
        FakeSocket socket = new FakeSocket();
        WsListener channel = connect(channels, session, socket);
        channel.onMessage(socket, open(session.tokenValue(), null), true);
        AgentMessage output = socket.messages(MessageTypes.OUTPUT_STREAM_DATA).get(0);
        assertThat(new String(output.payload(), StandardCharsets.UTF_8)).contains("is not running.");
        acknowledge(channel, socket, output);
        await(() -> socket.closeCode != null, "the socket to close");
        assertThat(json(socket.messages(MessageTypes.CHANNEL_CLOSED).get(0)).get("Output").asText())
                .isEqualTo("Container 'app' of task x is not running.");
    }

    /** The command side: records what the channel typed and resized. */
    private static final class FakeExec implements InteractiveExec {
        final List<String> command;
        final InteractiveExec.Output output;
        final ByteArrayOutputStream typed = new ByteArrayOutputStream();
        final List<String> resizes = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        FakeExec(List<String> command, InteractiveExec.Output output) {
            this.command = command;
            this.output = output;
        }

        synchronized String input() {
            return typed.toString(StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(byte[] input) {
            typed.writeBytes(input);
        }

        @Override
        public void resize(int columns, int rows) {
            resizes.add(columns + "x" + rows);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The client's socket: keeps the frames the channel sent and how it closed. */
    private static final class FakeSocket implements WsSession {
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        volatile Integer closeCode;
        volatile boolean gone;

        List<AgentMessage> messages(String type) {
            List<AgentMessage> list = new ArrayList<>();
            for (byte[] frame : frames) {
                AgentMessage message = AgentMessage.decode(frame);
                if (message.messageType().equals(type)) {
                    list.add(message);
                }
            }
            return list;
        }

        @Override
        public WsSession send(String text, boolean last) {
            throw new AssertionError("the agent side sends no text frames");
        }

        @Override
        public WsSession send(BufferData bufferData, boolean last) {
            if (gone) {
                throw new UncheckedIOException(new IOException("Broken pipe"));
            }
            byte[] bytes = new byte[bufferData.available()];
            bufferData.read(bytes);
            frames.add(bytes);
            return this;
        }

        @Override
        public WsSession ping(BufferData bufferData) {
            if (gone) {
                throw new UncheckedIOException(new IOException("Broken pipe"));
            }
            return this;
        }

        @Override
        public WsSession pong(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession close(int code, String reason) {
            if (closeCode == null) {
                closeCode = code;
            }
            return this;
        }

        @Override
        public WsSession terminate() {
            return this;
        }

        @Override
        public SocketContext socketContext() {
            throw new AssertionError("the data channel never asks for the socket's context");
        }
    }
}
