package dev.localecs.plugins.logs;

import static dev.localecs.plugins.logs.LogsHarness.event;
import static dev.localecs.plugins.logs.LogsHarness.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.EcsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetLogEvents pages a stream as CloudWatch does: both directions, both tokens, the same token at the end. */
class GetLogEventsPagingTest {
    @TempDir
    Path state;
    private LogsHarness logs;

    @BeforeEach
    void fiveEvents() {
        logs = new LogsHarness(state);
        logs.group("/ecs/app");
        logs.stream("/ecs/app", "s");
        logs.put("/ecs/app", "s", event(-5000, "one"), event(-4000, "two"), event(-3000, "three"));
        logs.put("/ecs/app", "s", event(-2000, "four"), event(-1000, "five"));
    }

    @AfterEach
    void close() {
        logs.close();
    }

    private JsonNode get(String extra) {
        return logs.call("GetLogEvents", "{\"logGroupName\":\"/ecs/app\",\"logStreamName\":\"s\"" + extra + "}");
    }

    @Test
    void forwardFromTheHeadEndsWithTheTokenItWasAskedWith() {
        List<String> seen = new ArrayList<>();
        JsonNode page = get(",\"startFromHead\":true,\"limit\":2");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seen.addAll(messages(page));
            String next = page.get("nextForwardToken").asText();
            assertThat(next).matches("f/\\d{56}");
            tokens.add(next);
            if (i > 0 && next.equals(tokens.get(i - 1))) {
                break;
            }
            page = get(",\"limit\":2,\"nextToken\":\"" + next + "\"");
        }
        assertThat(seen).containsExactly("one", "two", "three", "four", "five");
        assertThat(page.get("events")).isEmpty();
        assertThat(tokens).hasSize(4).as("the last two tokens are equal").endsWith(tokens.get(2), tokens.get(2));
    }

    @Test
    void withoutTokenTheLatestEventsComeAndBackwardTokensWalkToTheHead() {
        JsonNode tail = get(",\"limit\":2");
        assertThat(messages(tail)).containsExactly("four", "five");
        assertThat(tail.get("nextBackwardToken").asText()).matches("b/\\d{56}");

        JsonNode before = get(",\"limit\":2,\"nextToken\":\"" + tail.get("nextBackwardToken").asText() + "\"");
        assertThat(messages(before)).containsExactly("two", "three");
        JsonNode head = get(",\"limit\":2,\"nextToken\":\"" + before.get("nextBackwardToken").asText() + "\"");
        assertThat(messages(head)).containsExactly("one");
        String atHead = head.get("nextBackwardToken").asText();
        JsonNode end = get(",\"limit\":2,\"nextToken\":\"" + atHead + "\"");
        assertThat(end.get("events")).isEmpty();
        assertThat(end.get("nextBackwardToken").asText()).isEqualTo(atHead);

        JsonNode forwardAgain = get(",\"limit\":2,\"nextToken\":\"" + head.get("nextForwardToken").asText() + "\"");
        assertThat(messages(forwardAgain)).as("forward from a backward page goes on after it").containsExactly("two",
                "three");
    }

    @Test
    void theTailTokenGivesNewEventsOnceWritten() {
        JsonNode all = get(",\"startFromHead\":true");
        String tailToken = all.get("nextForwardToken").asText();
        assertThat(get(",\"nextToken\":\"" + tailToken + "\"").get("nextForwardToken").asText()).isEqualTo(tailToken);

        logs.put("/ecs/app", "s", event(0, "six"));

        JsonNode next = get(",\"nextToken\":\"" + tailToken + "\"");
        assertThat(messages(next)).containsExactly("six");
        assertThat(next.get("nextForwardToken").asText()).isNotEqualTo(tailToken);
    }

    @Test
    void startTimeIsInclusiveAndEndTimeExclusive() {
        JsonNode page = get(",\"startFromHead\":true,\"startTime\":" + (LogsHarness.NOW - 4000) + ",\"endTime\":"
                + (LogsHarness.NOW - 2000));
        assertThat(messages(page)).containsExactly("two", "three");
    }

    @Test
    void eventsPutOutOfOrderAcrossBatchesAreReadInTimeOrderAndEqualTimesInPutOrder() {
        logs.put("/ecs/app", "s", event(-4500, "between one and two"), event(-1000, "five again"));
        assertThat(messages(get(",\"startFromHead\":true"))).containsExactly("one", "between one and two", "two",
                "three", "four", "five", "five again");
    }

    @Test
    void aTokenThatIsNotCloudWatchShapedIsAnInvalidParameter() {
        assertThatThrownBy(() -> get(",\"nextToken\":\"f/123\""))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code().awsCode())
                        .isEqualTo("InvalidParameterException"));
    }

    @Test
    void aMissingStreamOrGroupIsResourceNotFoundInCloudWatchWords() {
        assertThatThrownBy(() -> logs.call("GetLogEvents", "{\"logGroupName\":\"/ecs/app\",\"logStreamName\":\"x\"}"))
                .hasMessage("The specified log stream does not exist.");
        assertThatThrownBy(() -> logs.call("GetLogEvents", "{\"logGroupName\":\"/nope\",\"logStreamName\":\"s\"}"))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code().awsCode())
                        .isEqualTo("ResourceNotFoundException"))
                .hasMessage("The specified log group does not exist.");
    }
}
