package dev.localecs.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sequence numbers, acknowledgements and retransmission of the two streams. */
class StreamsTest {

    private static AgentMessage input(long sequence, String text) {
        return AgentMessage.create(MessageTypes.INPUT_STREAM_DATA, sequence, 0, PayloadType.OUTPUT,
                text.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static List<String> texts(List<AgentMessage> messages) {
        return messages.stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void outputIsNumberedFromZeroWithSynOnTheFirst() throws InterruptedException {
        OutgoingStream out = new OutgoingStream(Duration.ofSeconds(1), 3, 10);
        AgentMessage first = out.next(PayloadType.OUTPUT, new byte[] {1}, 0).orElseThrow();
        AgentMessage second = out.next(PayloadType.OUTPUT, new byte[] {2}, 0).orElseThrow();
        assertThat(first.sequenceNumber()).isZero();
        assertThat(first.flags()).isEqualTo(AgentMessage.FLAG_SYN);
        assertThat(second.sequenceNumber()).isEqualTo(1);
        assertThat(second.flags()).isZero();
        assertThat(first.messageType()).isEqualTo("output_stream_data");
        assertThat(first.messageId()).isNotEqualTo(second.messageId());
    }

    @Test
    void unacknowledgedOutputIsSentAgainAfterTheTimeoutUntilAcknowledged() throws InterruptedException {
        OutgoingStream out = new OutgoingStream(Duration.ofMillis(1000), 5, 10);
        AgentMessage first = out.next(PayloadType.OUTPUT, new byte[] {1}, 0).orElseThrow();
        AgentMessage second = out.next(PayloadType.OUTPUT, new byte[] {2}, 500).orElseThrow();

        assertThat(out.due(999).resend()).isEmpty();
        assertThat(out.due(1000).resend()).containsExactly(first);
        assertThat(out.due(1500).resend()).containsExactly(second);
        assertThat(out.acknowledge(first.messageId())).isTrue();
        assertThat(out.acknowledge(first.messageId())).as("a second acknowledgement").isFalse();
        assertThat(out.due(2600).resend()).containsExactly(second);
        assertThat(out.drained()).isFalse();
        out.acknowledge(second.messageId());
        assertThat(out.due(10_000).resend()).isEmpty();
        assertThat(out.drained()).isTrue();
    }

    @Test
    void aMessageSentTooOftenWithoutAcknowledgementExhaustsTheStream() throws InterruptedException {
        OutgoingStream out = new OutgoingStream(Duration.ofMillis(100), 2, 10);
        out.next(PayloadType.OUTPUT, new byte[] {1}, 0).orElseThrow();
        OutgoingStream.Due again = out.due(100);
        assertThat(again.resend()).hasSize(1);
        assertThat(again.exhausted()).isFalse();
        OutgoingStream.Due done = out.due(200);
        assertThat(done.resend()).isEmpty();
        assertThat(done.exhausted()).isTrue();
    }

    @Test
    void aFullStreamHoldsTheWriterUntilTheClientAcknowledges() throws Exception {
        OutgoingStream out = new OutgoingStream(Duration.ofSeconds(1), 3, 2);
        AgentMessage first = out.next(PayloadType.OUTPUT, new byte[] {1}, 0).orElseThrow();
        out.next(PayloadType.OUTPUT, new byte[] {2}, 0).orElseThrow();
        CompletableFuture<Optional<AgentMessage>> third = CompletableFuture.supplyAsync(() -> {
            try {
                return out.next(PayloadType.OUTPUT, new byte[] {3}, 0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(third).as("no room for a third message").isNotDone();
        out.acknowledge(first.messageId());
        assertThat(third.get(5, TimeUnit.SECONDS).orElseThrow().sequenceNumber()).isEqualTo(2);

        CompletableFuture<Optional<AgentMessage>> fourth = CompletableFuture.supplyAsync(() -> {
            try {
                return out.next(PayloadType.OUTPUT, new byte[] {4}, 0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        out.close();
        assertThat(fourth.get(5, TimeUnit.SECONDS)).as("closing releases a waiting writer").isEmpty();
    }

    @Test
    void inputIsDeliveredInSequenceWhateverOrderItArrivesIn() {
        IncomingStream in = new IncomingStream(10);
        IncomingStream.Accepted early = in.accept(input(1, "b"));
        assertThat(early.ready()).isEmpty();
        assertThat(early.acknowledge()).isTrue();
        assertThat(texts(in.accept(input(2, "c")).ready())).isEmpty();
        assertThat(texts(in.accept(input(0, "a")).ready())).containsExactly("a", "b", "c");
        assertThat(in.expected()).isEqualTo(3);

        IncomingStream.Accepted repeat = in.accept(input(1, "b"));
        assertThat(repeat.ready()).as("a retransmission is not delivered twice").isEmpty();
        assertThat(repeat.acknowledge()).as("but acknowledged again").isTrue();
    }

    @Test
    void anEarlyMessageFindingTheWaitingRoomFullIsNotAcknowledged() {
        IncomingStream in = new IncomingStream(1);
        assertThat(in.accept(input(1, "b")).acknowledge()).isTrue();
        IncomingStream.Accepted full = in.accept(input(2, "c"));
        assertThat(full.acknowledge()).isFalse();
        assertThat(texts(in.accept(input(0, "a")).ready())).containsExactly("a", "b");
        assertThat(texts(in.accept(input(2, "c")).ready())).containsExactly("c");
    }
}
