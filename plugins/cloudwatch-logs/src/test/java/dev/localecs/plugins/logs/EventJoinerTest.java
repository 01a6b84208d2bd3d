package dev.localecs.plugins.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.OutputLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Lines into events as Docker's awslogs driver makes them: one per line, or joined by a multiline pattern. */
class EventJoinerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static OutputLine line(long offsetMillis, String text) {
        return new OutputLine(T0.plusMillis(offsetMillis), OutputLine.Source.STDOUT, text);
    }

    private static List<OutgoingEvent> all(EventJoiner joiner, OutputLine... lines) {
        List<OutgoingEvent> events = new ArrayList<>();
        for (OutputLine line : lines) {
            events.addAll(joiner.line(line));
        }
        joiner.flush().ifPresent(events::add);
        return events;
    }

    @Test
    void withoutPatternEachNonEmptyLineIsAnEventAndTimeNeverGoesBack() {
        List<OutgoingEvent> events = all(new EventJoiner(Optional.empty()), line(0, "a"), line(5, ""),
                line(10, "b"), line(3, "c (stderr, stamped earlier)"));
        assertThat(events).extracting(OutgoingEvent::message).containsExactly("a", "b", "c (stderr, stamped earlier)");
        assertThat(events).extracting(OutgoingEvent::timestamp)
                .containsExactly(T0.toEpochMilli(), T0.toEpochMilli() + 10, T0.toEpochMilli() + 10);
        assertThat(events.get(0).size()).isEqualTo(1 + 26);
    }

    @Test
    void aMultilinePatternJoinsAStackTraceIntoOneEvent() {
        EventJoiner joiner = new EventJoiner(Optional.of(Pattern.compile("^(INFO|ERROR)")));
        List<OutgoingEvent> events = all(joiner, line(0, "INFO starting"), line(1, "ERROR boom"),
                line(2, "java.lang.IllegalStateException: bad"), line(3, "\tat app.Main.run(Main.java:3)"),
                line(4, "INFO recovered"));
        assertThat(events).extracting(OutgoingEvent::message).containsExactly("INFO starting\n",
                "ERROR boom\njava.lang.IllegalStateException: bad\n\tat app.Main.run(Main.java:3)\n",
                "INFO recovered\n");
        assertThat(events.get(1).timestamp()).as("the first line's time").isEqualTo(T0.toEpochMilli() + 1);
    }

    @Test
    void aJoinedEventWaitsForTheNextMatchOrAFlush() {
        EventJoiner joiner = new EventJoiner(Optional.of(Pattern.compile("^START")));
        assertThat(joiner.line(line(0, "START 1"))).isEmpty();
        assertThat(joiner.line(line(1, "more"))).isEmpty();
        assertThat(joiner.pending()).isTrue();
        assertThat(joiner.line(line(2, "START 2"))).extracting(OutgoingEvent::message).containsExactly("START 1\nmore\n");
        assertThat(joiner.flush()).map(OutgoingEvent::message).contains("START 2\n");
        assertThat(joiner.pending()).isFalse();
        assertThat(joiner.flush()).isEmpty();
    }

    @Test
    void theDatetimeFormatStartsEvents() {
        EventJoiner joiner = new EventJoiner(Optional.of(DatetimeFormat.toPattern("%Y-%m-%d %H:%M:%S")));
        List<OutgoingEvent> events = all(joiner, line(0, "2026-01-01 10:00:00 first"), line(1, "  continued"),
                line(2, "2026-01-01 10:00:01 second"), line(3, "not 2026-01-01 10:00:02 (not at the start)"));
        assertThat(events).extracting(OutgoingEvent::message).containsExactly(
                "2026-01-01 10:00:00 first\n  continued\n",
                "2026-01-01 10:00:01 second\nnot 2026-01-01 10:00:02 (not at the start)\n");
    }

    @Test
    void eventsNeverExceedCloudWatchsLargestEvent() {
        String huge = "x".repeat(EventJoiner.MAX_MESSAGE_BYTES + 10);
        List<OutgoingEvent> plain = all(new EventJoiner(Optional.empty()), line(0, huge));
        assertThat(plain).extracting(OutgoingEvent::size).containsExactly(PutLogEventsAction.MAX_EVENT_BYTES, 10 + 26);

        EventJoiner joined = new EventJoiner(Optional.of(Pattern.compile("^S")));
        String half = "y".repeat(EventJoiner.MAX_MESSAGE_BYTES / 2);
        List<OutgoingEvent> events = all(joined, line(0, "S" + half), line(1, half), line(2, "tail"));
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.size())
                .isLessThanOrEqualTo(PutLogEventsAction.MAX_EVENT_BYTES));
        assertThat(events.get(1).message()).isEqualTo(half + "\ntail\n");
    }
}
