package dev.localecs.plugins.logs;

import static dev.localecs.plugins.logs.LogsHarness.event;
import static dev.localecs.plugins.logs.LogsHarness.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FilterLogEvents interleaves a group's streams in time order, chooses streams, filters and pages. */
class FilterLogEventsTest {
    @TempDir
    Path state;
    private LogsHarness logs;

    @BeforeEach
    void twoStreams() {
        logs = new LogsHarness(state);
        logs.group("g");
        logs.stream("g", "web/a/1");
        logs.stream("g", "web/b/2");
        logs.stream("g", "worker/1");
        logs.put("g", "web/a/1", event(-6000, "a1 ERROR"), event(-3000, "a2"), event(-1000, "a3 ERROR"));
        logs.put("g", "web/b/2", event(-5000, "b1"), event(-2000, "b2 ERROR"));
        logs.put("g", "worker/1", event(-4000, "w1 ERROR"));
    }

    @AfterEach
    void close() {
        logs.close();
    }

    private JsonNode filter(String extra) {
        return logs.call("FilterLogEvents", "{\"logGroupName\":\"g\"" + extra + "}");
    }

    @Test
    void streamsAreInterleavedInTimeOrderWithTheirNames() {
        JsonNode all = filter("");
        assertThat(messages(all)).containsExactly("a1 ERROR", "b1", "w1 ERROR", "a2", "b2 ERROR", "a3 ERROR");
        assertThat(all.get("events").get(1).get("logStreamName").asText()).isEqualTo("web/b/2");
        assertThat(all.get("events").get(1).get("eventId").asText()).matches("\\d{56}");
        assertThat(all.has("nextToken")).as("one page holds everything").isFalse();
    }

    @Test
    void streamsChosenByNameOrPrefixAndTimeBoundsInclusive() {
        assertThat(messages(filter(",\"logStreamNames\":[\"worker/1\",\"web/b/2\"]")))
                .containsExactly("b1", "w1 ERROR", "b2 ERROR");
        assertThat(messages(filter(",\"logStreamNamePrefix\":\"web/\"")))
                .containsExactly("a1 ERROR", "b1", "a2", "b2 ERROR", "a3 ERROR");
        assertThat(messages(filter(",\"startTime\":" + (LogsHarness.NOW - 5000) + ",\"endTime\":"
                + (LogsHarness.NOW - 3000)))).containsExactly("b1", "w1 ERROR", "a2");
    }

    @Test
    void patternAndPagingTogether() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = filter(",\"filterPattern\":\"ERROR\",\"limit\":2"
                    + (token == null ? "" : ",\"nextToken\":\"" + token + "\""));
            seen.addAll(messages(page));
            token = page.has("nextToken") ? page.get("nextToken").asText() : null;
            pages++;
        } while (token != null && pages < 10);
        assertThat(seen).containsExactly("a1 ERROR", "w1 ERROR", "b2 ERROR", "a3 ERROR");
        assertThat(pages).isEqualTo(2);
    }
}
