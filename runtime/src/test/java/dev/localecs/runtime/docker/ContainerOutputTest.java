package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.localecs.api.OutputLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's log output into lines, however docker-java cuts it into frames. */
class ContainerOutputTest {
    private static final String T1 = "2026-11-30T07:27:15.678363564Z";
    private static final String T2 = "2026-11-30T07:27:15.679902461Z";

    private final List<OutputLine> lines = new ArrayList<>();
    private final ContainerOutput.Decoder decoder = new ContainerOutput.Decoder(lines::add);

    /** Feeds a stream's bytes as frames of the given size. */
    private void feed(StreamType type, byte[] bytes, int frameSize) throws InterruptedException {
        for (int i = 0; i < bytes.length; i += frameSize) {
            decoder.frame(new Frame(type, Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + frameSize))));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void entriesCutAnywhereBecomeLinesWithDockersTimestamps() throws InterruptedException {
        byte[] output = utf8(T1 + " first line\n" + T2 + " zweite Zeile é\n");
        for (int size : new int[] {1, 3, 7, 31, 1024}) {
            lines.clear();
            feed(StreamType.STDOUT, output, size);
            assertThat(lines).as("frames of %d bytes", size).containsExactly(
                    new OutputLine(Instant.parse(T1), OutputLine.Source.STDOUT, "first line"),
                    new OutputLine(Instant.parse(T2), OutputLine.Source.STDOUT, "zweite Zeile é"));
        }
    }

    @Test
    void streamsAreKeptApartAndEmptyLinesKept() throws InterruptedException {
        decoder.frame(new Frame(StreamType.STDOUT, utf8(T1 + " out ")));
        decoder.frame(new Frame(StreamType.STDERR, utf8(T2 + " err\n")));
        decoder.frame(new Frame(StreamType.STDOUT, utf8("continued\n" + T2 + " \n")));
        assertThat(lines).extracting(OutputLine::source, OutputLine::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OutputLine.Source.STDERR, "err"),
                org.assertj.core.groups.Tuple.tuple(OutputLine.Source.STDOUT, "out continued"),
                org.assertj.core.groups.Tuple.tuple(OutputLine.Source.STDOUT, ""));
    }

    @Test
    void aLineDockerSplitIntoSixteenKibEntriesIsJoinedAgain() throws InterruptedException {
        String longLine = "x".repeat(ContainerOutput.Decoder.DOCKER_ENTRY_BYTES) + "y".repeat(100);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        output.writeBytes(utf8(T1 + " " + longLine.substring(0, ContainerOutput.Decoder.DOCKER_ENTRY_BYTES)));
        output.writeBytes(utf8(T2 + " " + longLine.substring(ContainerOutput.Decoder.DOCKER_ENTRY_BYTES) + "\n"));
        output.writeBytes(utf8(T2 + " next\n"));
        feed(StreamType.STDOUT, output.toByteArray(), 1000);
        assertThat(lines).extracting(OutputLine::text).containsExactly(longLine, "next");
        assertThat(lines.get(0).timestamp()).isEqualTo(Instant.parse(T1));
    }

    @Test
    void aTtyStreamAndALastLineWithoutBreak() throws InterruptedException {
        feed(StreamType.RAW, utf8(T1 + " tty line\n" + T2 + " no break"), 5);
        decoder.finish();
        assertThat(lines).extracting(OutputLine::text).containsExactly("tty line", "no break");
        assertThat(lines.get(1).timestamp()).isEqualTo(Instant.parse(T2));
    }
}
