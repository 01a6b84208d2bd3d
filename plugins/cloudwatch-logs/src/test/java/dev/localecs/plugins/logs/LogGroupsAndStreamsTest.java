package dev.localecs.plugins.logs;

import static dev.localecs.plugins.logs.LogsHarness.event;
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

/** Groups and streams: creation, listing, ordering, paging, tags, and PutLogEvents' rules. */
class LogGroupsAndStreamsTest {
    @TempDir
    Path state;
    private LogsHarness logs;

    @BeforeEach
    void open() {
        logs = new LogsHarness(state);
    }

    @AfterEach
    void close() {
        logs.close();
    }

    private static String code(Throwable e) {
        return ((EcsException) e).code().awsCode();
    }

    @Test
    void aGroupExistsOnceAndDescribeListsByPrefixInPages() {
        for (String name : List.of("/ecs/b", "/ecs/a", "/other", "/ecs/c")) {
            logs.group(name);
        }
        assertThatThrownBy(() -> logs.group("/ecs/a")).satisfies(e -> assertThat(code(e))
                .isEqualTo("ResourceAlreadyExistsException")).hasMessage("The specified log group already exists");

        List<String> names = new ArrayList<>();
        JsonNode page = logs.call("DescribeLogGroups", "{\"logGroupNamePrefix\":\"/ecs/\",\"limit\":2}");
        names.addAll(page.get("logGroups").findValuesAsText("logGroupName"));
        page = logs.call("DescribeLogGroups", "{\"logGroupNamePrefix\":\"/ecs/\",\"limit\":2,\"nextToken\":\""
                + page.get("nextToken").asText() + "\"}");
        names.addAll(page.get("logGroups").findValuesAsText("logGroupName"));
        assertThat(names).containsExactly("/ecs/a", "/ecs/b", "/ecs/c");
        assertThat(page.has("nextToken")).isFalse();
        JsonNode first = page.get("logGroups").get(0);
        assertThat(first.get("arn").asText()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/ecs/c:*");
        assertThat(first.get("creationTime").asLong()).isEqualTo(LogsHarness.NOW);

        logs.call("DeleteLogGroup", "{\"logGroupName\":\"/ecs/b\"}");
        assertThat(logs.call("DescribeLogGroups", "{}").get("logGroups").findValuesAsText("logGroupName"))
                .containsExactly("/ecs/a", "/ecs/c", "/other");
        assertThatThrownBy(() -> logs.call("DeleteLogGroup", "{\"logGroupName\":\"/ecs/b\"}"))
                .hasMessage("The specified log group does not exist.");
        assertThatThrownBy(() -> logs.group("bad name")).satisfies(e -> assertThat(code(e))
                .isEqualTo("InvalidParameterException"));
    }

    @Test
    void streamsOrderByNameOrLastEventTimeDescending() {
        logs.group("g");
        for (String name : List.of("c", "a", "b")) {
            logs.stream("g", name);
        }
        logs.put("g", "a", event(-1000, "x"));
        logs.put("g", "c", event(-3000, "x"));
        logs.put("g", "b", event(-2000, "x"));

        assertThat(logs.call("DescribeLogStreams", "{\"logGroupName\":\"g\"}").get("logStreams")
                .findValuesAsText("logStreamName")).containsExactly("a", "b", "c");
        JsonNode byTime = logs.call("DescribeLogStreams",
                "{\"logGroupName\":\"g\",\"orderBy\":\"LastEventTime\",\"descending\":true}");
        assertThat(byTime.get("logStreams").findValuesAsText("logStreamName")).containsExactly("a", "b", "c");
        assertThat(byTime.get("logStreams").get(0).get("lastEventTimestamp").asLong())
                .isEqualTo(LogsHarness.NOW - 1000);
        assertThat(logs.call("DescribeLogStreams", "{\"logGroupName\":\"g\",\"orderBy\":\"LastEventTime\"}")
                .get("logStreams").findValuesAsText("logStreamName")).containsExactly("c", "b", "a");
        assertThat(logs.call("DescribeLogStreams", "{\"logGroupName\":\"g\",\"logStreamNamePrefix\":\"b\"}")
                .get("logStreams").findValuesAsText("logStreamName")).containsExactly("b");
        assertThatThrownBy(() -> logs.call("DescribeLogStreams",
                "{\"logGroupName\":\"g\",\"orderBy\":\"LastEventTime\",\"logStreamNamePrefix\":\"b\"}"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterException"));
        assertThatThrownBy(() -> logs.stream("g", "a")).hasMessage("The specified log stream already exists");
    }

    @Test
    void putLogEventsRefusesABatchOutOfOrderOrSpanningMoreThanADay() {
        logs.group("g");
        logs.stream("g", "s");
        assertThatThrownBy(() -> logs.put("g", "s", event(-1000, "later"), event(-2000, "earlier")))
                .hasMessage("Log events in a single PutLogEvents request must be in chronological order.");
        assertThatThrownBy(() -> logs.put("g", "s", event(-90_000_000L, "a"), event(0, "b")))
                .hasMessageContaining("cannot span more than 24 hours");
        assertThatThrownBy(() -> logs.put("g", "nope", event(0, "a")))
                .hasMessage("The specified log stream does not exist.");
    }

    @Test
    void eventsTooNewTooOldOrPastRetentionAreRejectedWithTheirIndexes() {
        logs.group("g");
        logs.stream("g", "s");
        logs.call("PutRetentionPolicy", "{\"logGroupName\":\"g\",\"retentionInDays\":1}");
        long day = 86_400_000L;
        JsonNode allOld = logs.put("g", "s", event(-15 * day, "too old"), event(-15 * day + 1, "too old too"));
        assertThat(allOld.at("/rejectedLogEventsInfo/tooOldLogEventEndIndex").asInt()).isEqualTo(1);

        JsonNode expired = logs.put("g", "s", event(-day - 1, "expired"), event(-1, "kept"));
        assertThat(expired.at("/rejectedLogEventsInfo/expiredLogEventEndIndex").asInt()).isEqualTo(0);
        assertThat(expired.at("/rejectedLogEventsInfo").has("tooNewLogEventStartIndex")).isFalse();
        JsonNode tooNew = logs.put("g", "s", event(0, "kept too"), event(3 * 3_600_000L, "new"));
        assertThat(tooNew.at("/rejectedLogEventsInfo/tooNewLogEventStartIndex").asInt()).isEqualTo(1);
        assertThat(LogsHarness.messages(logs.call("GetLogEvents",
                "{\"logGroupName\":\"g\",\"logStreamName\":\"s\"}"))).containsExactly("kept", "kept too");
    }

    @Test
    void tagsOfAGroupByItsArn() {
        logs.call("CreateLogGroup", "{\"logGroupName\":\"g\",\"tags\":{\"team\":\"a\"}}");
        String arn = "arn:aws:logs:us-east-1:000000000000:log-group:g";
        logs.call("TagResource", "{\"resourceArn\":\"" + arn + "\",\"tags\":{\"env\":\"dev\",\"team\":\"b\"}}");
        assertThat(logs.call("ListTagsForResource", "{\"resourceArn\":\"" + arn + "\"}").get("tags").toString())
                .isEqualTo("{\"env\":\"dev\",\"team\":\"b\"}");
        logs.call("UntagResource", "{\"resourceArn\":\"" + arn + "\",\"tagKeys\":[\"team\"]}");
        assertThat(logs.call("ListTagsForResource", "{\"resourceArn\":\"" + arn + ":*\"}").get("tags").toString())
                .isEqualTo("{\"env\":\"dev\"}");
        assertThatThrownBy(() -> logs.call("ListTagsForResource", "{\"resourceArn\":\"" + arn + "x\"}"))
                .hasMessage("The specified log group does not exist.");
    }
}
