package dev.localecs.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
    @TempDir
    Path dir;

    @Test
    void concurrentAppendsAreAllOnDiskWhenTheyReturn() throws Exception {
        Set<String> returned = ConcurrentHashMap.newKeySet();
        try (WriteAheadLog log = WriteAheadLog.open(dir, "journal")) {
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String entry = "entry-" + i;
                writers.add(Thread.ofVirtual().start(() -> {
                    log.append(entry, entry.getBytes(StandardCharsets.UTF_8));
                    returned.add(entry);
                }));
            }
            for (Thread writer : writers) {
                writer.join();
            }
            // read while the log is still open: what returned is already in the file
            List<String> onDisk = WriteAheadLog.read(WriteAheadLog.segments(dir, "journal").get(0)).stream()
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
            assertThat(onDisk).containsExactlyInAnyOrderElementsOf(returned).hasSize(50);
        }
    }

    @Test
    void aTornTailIsDroppedAndTheEntriesBeforeItKept() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, "journal")) {
            log.append("a", "first".getBytes(StandardCharsets.UTF_8));
            log.append("b", "second".getBytes(StandardCharsets.UTF_8));
        }
        Path segment = WriteAheadLog.segments(dir, "journal").get(0);
        int end = (8 + "first".length()) + (8 + "second".length());
        // a crash in the middle of the next write: a header announcing more bytes than were written
        try (FileChannel channel = FileChannel.open(segment,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 't', 'o'}), end);
        }
        assertThat(WriteAheadLog.read(segment)).extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .containsExactly("first", "second");
        // and a complete entry whose bytes were damaged ends the entries too
        byte[] content = Files.readAllBytes(segment);
        content[end - 1] ^= 0x55;
        Files.write(segment, content);
        assertThat(WriteAheadLog.read(segment)).extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .containsExactly("first");
    }

    @Test
    void rotationHandsOverTheKeysOfTheClosedSegmentAndNewAppendsGoToTheNext() {
        try (WriteAheadLog log = WriteAheadLog.open(dir, "journal")) {
            log.append("task-1", new byte[] {1});
            log.append("task-2", new byte[] {2});
            WriteAheadLog.Segment closed = log.rotate().orElseThrow();
            assertThat(closed.keys()).containsExactlyInAnyOrder("task-1", "task-2");
            log.append("task-3", new byte[] {3});
            log.delete(closed);
            List<Path> segments = WriteAheadLog.segments(dir, "journal");
            assertThat(segments).hasSize(1).doesNotContain(closed.file());
            assertThat(WriteAheadLog.read(segments.get(0))).containsExactly(new byte[] {3});
            assertThat(log.rotate().orElseThrow().keys()).containsExactly("task-3");
            assertThat(log.rotate()).as("nothing appended since: no rotation").isEmpty();
            assertThat(WriteAheadLog.segments(dir, "journal")).extracting(p -> p.getFileName().toString())
                    .containsExactly("journal-2.log", "journal-3.log");
        }
    }

    @Test
    void aNewLogStartsAfterTheSegmentsAlreadyThere() {
        try (WriteAheadLog log = WriteAheadLog.open(dir, "journal")) {
            log.append("a", new byte[] {1});
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, "journal")) {
            log.append("b", new byte[] {2});
        }
        List<Path> segments = WriteAheadLog.segments(dir, "journal");
        assertThat(segments).extracting(path -> path.getFileName().toString())
                .containsExactly("journal-1.log", "journal-2.log");
        assertThat(WriteAheadLog.read(segments.get(1))).containsExactly(new byte[] {2});
    }
}
