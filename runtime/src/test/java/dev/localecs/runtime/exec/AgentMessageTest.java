package dev.localecs.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The agent message header as the Session Manager plugin reads and writes it. */
class AgentMessageTest {
    private static final UUID ID = UUID.fromString("01234567-89ab-cdef-0011-223344556677");

    private static AgentMessage sample(byte[] payload) throws Exception {
        return new AgentMessage("output_stream_data", 1, 1_700_000_000_123L, 42, 1, ID,
                MessageDigest.getInstance("SHA-256").digest(payload), 1, payload);
    }

    @Test
    void encodesEveryFieldAtItsOffset() throws Exception {
        byte[] payload = "hi\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] wire = sample(payload).encode();
        ByteBuffer b = ByteBuffer.wrap(wire);

        assertThat(wire).hasSize(120 + payload.length);
        assertThat(b.getInt(0)).isEqualTo(116);
        assertThat(new String(wire, 4, 32, StandardCharsets.UTF_8)).isEqualTo("output_stream_data" + " ".repeat(14));
        assertThat(b.getInt(36)).isEqualTo(1);
        assertThat(b.getLong(40)).isEqualTo(1_700_000_000_123L);
        assertThat(b.getLong(48)).isEqualTo(42);
        assertThat(b.getLong(56)).isEqualTo(1);
        // the plugin's order: least significant half first
        assertThat(HexFormat.of().formatHex(wire, 64, 80)).isEqualTo("0011223344556677" + "0123456789abcdef");
        assertThat(Arrays.copyOfRange(wire, 80, 112)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(payload));
        assertThat(b.getInt(112)).isEqualTo(1);
        assertThat(b.getInt(116)).isEqualTo(payload.length);
        assertThat(Arrays.copyOfRange(wire, 120, wire.length)).isEqualTo(payload);
    }

    @Test
    void decodingWhatWasEncodedGivesTheSameMessage() throws Exception {
        AgentMessage message = sample(new byte[] {0, 1, 2, (byte) 0xff});
        AgentMessage decoded = AgentMessage.decode(message.encode());
        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.digestMatches()).isTrue();
        assertThat(decoded.knownPayloadType()).contains(PayloadType.OUTPUT);

        AgentMessage created = AgentMessage.create("acknowledge", 3, 0, PayloadType.SIZE, "{}".getBytes(), 5);
        assertThat(AgentMessage.decode(created.encode())).isEqualTo(created);
        assertThat(created.digestMatches()).isTrue();
    }

    @Test
    void readsTypesPaddedWithNulsOnEitherSideAndKeepsAWrongDigestAsSent() throws Exception {
        // the ssm-session library right-aligns the type behind NULs and sends a hex prefix as the digest
        byte[] wire = sample("x".getBytes(StandardCharsets.UTF_8)).encode();
        byte[] type = new byte[32];
        byte[] name = "input_stream_data".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, type, 32 - name.length, name.length);
        System.arraycopy(type, 0, wire, 4, 32);
        byte[] hexDigest = "2d711642b726b04401627ca9fbac32f5".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hexDigest, 0, wire, 80, 32);

        AgentMessage decoded = AgentMessage.decode(wire);
        assertThat(decoded.messageType()).isEqualTo("input_stream_data");
        assertThat(decoded.payload()).containsExactly('x');
        assertThat(decoded.digestMatches()).isFalse();
        assertThat(decoded.payloadDigest()).isEqualTo(hexDigest);
    }

    @Test
    void refusesFramesThatAreNotAgentMessages() throws Exception {
        assertThatThrownBy(() -> AgentMessage.decode(new byte[119])).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("at least 120 bytes");
        byte[] wire = sample("abc".getBytes(StandardCharsets.UTF_8)).encode();
        ByteBuffer.wrap(wire).putInt(116, 4);
        assertThatThrownBy(() -> AgentMessage.decode(wire)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("payload length 4");
        byte[] header = sample(new byte[0]).encode();
        ByteBuffer.wrap(header).putInt(0, 500);
        assertThatThrownBy(() -> AgentMessage.decode(header)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("header length 500");
    }

    @Test
    void refusesTypesLongerThanTheField() {
        assertThatThrownBy(() -> AgentMessage.create("x".repeat(33), 0, 0, PayloadType.OUTPUT, new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
