package dev.localecs.plugins.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PutLogEvents batches within CloudWatch's limits: 10,000 events, 1 MiB counted, 24 hours. */
class EventBatchesTest {

    private static List<List<OutgoingEvent>> batch(EventBatches batches, List<OutgoingEvent> events) {
        List<List<OutgoingEvent>> sent = new ArrayList<>();
        for (OutgoingEvent event : events) {
            List<OutgoingEvent> full = batches.add(event);
            if (!full.isEmpty()) {
                sent.add(full);
            }
        }
        if (!batches.isEmpty()) {
            sent.add(batches.take());
        }
        return sent;
    }

    @Test
    void atMostTenThousandEvents() {
        List<OutgoingEvent> events = new ArrayList<>();
        for (int i = 0; i < 25_001; i++) {
            events.add(OutgoingEvent.of(1000 + i, "e" + i));
        }
        List<List<OutgoingEvent>> sent = batch(new EventBatches(), events);
        assertThat(sent).extracting(List::size).containsExactly(10_000, 10_000, 5_001);
        assertThat(sent.stream().flatMap(List::stream).toList()).isEqualTo(events);
    }

    @Test
    void atMostOneMebibyteCountingTwentySixBytesPerEvent() {
        String message = "m".repeat(1024 - 26);
        List<OutgoingEvent> events = new ArrayList<>();
        for (int i = 0; i < 1025; i++) {
            events.add(OutgoingEvent.of(1000, message));
        }
        List<List<OutgoingEvent>> sent = batch(new EventBatches(), events);
        assertThat(sent).extracting(List::size).containsExactly(1024, 1);
        assertThat(sent.get(0).stream().mapToInt(OutgoingEvent::size).sum()).isEqualTo(PutLogEventsAction.MAX_BATCH_BYTES);
    }

    @Test
    void atMostTwentyFourHoursApart() {
        long day = EventBatches.MAX_SPAN_MILLIS;
        List<List<OutgoingEvent>> sent = batch(new EventBatches(), List.of(OutgoingEvent.of(0, "a"),
                OutgoingEvent.of(day, "b"), OutgoingEvent.of(day + 1, "c"), OutgoingEvent.of(day + 2, "d")));
        assertThat(sent).extracting(List::size).containsExactly(2, 2);
    }
}
