package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded CloudWatch Logs API (plugin {@code cloudwatch-logs}) with real clients on the runtime's port: the
 * AWS CLI creates a group and streams, puts events, reads them with get-log-events, filter-log-events and
 * {@code aws logs tail}; boto3 pages GetLogEvents by its forward tokens and FilterLogEvents with its paginator; the
 * events survive a restart. The simulated engine is enough: no Docker is involved.
 */
class LogsApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "/ecs/logs-it";

    @TempDir
    Path temp;

    @Test
    void realClientsWriteReadFilterTailAndPageTheEmbeddedLogs() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(temp.resolve("state"), Map.of("tasks.engine", "simulated"))) {
            AwsCli aws = new AwsCli(runtime.endpoint());
            aws.logs("create-log-group", "--log-group-name", GROUP, "--tags", "team=it");
            AwsCli.Result again = aws.serviceResult("logs", "create-log-group", "--log-group-name", GROUP);
            assertThat(again.exitCode()).isNotZero();
            assertThat(again.error()).contains("ResourceAlreadyExistsException");
            AwsCli.Result missing = aws.serviceResult("logs", "get-log-events", "--log-group-name", "/nope",
                    "--log-stream-name", "s");
            assertThat(missing.error()).contains("ResourceNotFoundException").contains("The specified log group does "
                    + "not exist.");
            aws.logs("create-log-stream", "--log-group-name", GROUP, "--log-stream-name", "web/app/1");
            aws.logs("create-log-stream", "--log-group-name", GROUP, "--log-stream-name", "web/app/2");

            long start = System.currentTimeMillis() - 60_000;
            List<String> first = new ArrayList<>();
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < 25; i++) {
                String message = i % 5 == 0 ? "{\"level\":\"ERROR\",\"n\":" + i + "}" : "line " + i;
                first.add(message);
                batch.append(i == 0 ? "" : ",").append(JSON.createObjectNode().put("timestamp", start + i * 2000L)
                        .put("message", message));
            }
            Path events = Files.writeString(temp.resolve("events.json"), batch.append("]").toString());
            JsonNode put = aws.logs("put-log-events", "--log-group-name", GROUP, "--log-stream-name", "web/app/1",
                    "--log-events", "file://" + events);
            assertThat(put.has("rejectedLogEventsInfo")).isFalse();
            Path other = Files.writeString(temp.resolve("other.json"), "[{\"timestamp\":" + (start + 1000)
                    + ",\"message\":\"other stream\"}]");
            aws.logs("put-log-events", "--log-group-name", GROUP, "--log-stream-name", "web/app/2",
                    "--log-events", "file://" + other);

            JsonNode got = aws.logs("get-log-events", "--log-group-name", GROUP, "--log-stream-name", "web/app/1",
                    "--start-from-head");
            assertThat(got.get("events").findValuesAsText("message")).containsExactlyElementsOf(first);
            assertThat(got.get("nextForwardToken").asText()).matches("f/\\d{56}");
            assertThat(got.get("nextBackwardToken").asText()).matches("b/\\d{56}");

            JsonNode errors = aws.logs("filter-log-events", "--log-group-name", GROUP, "--filter-pattern",
                    "{ $.level = \"ERROR\" && $.n >= 10 }");
            assertThat(errors.get("events").findValuesAsText("message"))
                    .containsExactly("{\"level\":\"ERROR\",\"n\":10}", "{\"level\":\"ERROR\",\"n\":15}",
                            "{\"level\":\"ERROR\",\"n\":20}");
            JsonNode streams = aws.logs("describe-log-streams", "--log-group-name", GROUP, "--order-by",
                    "LastEventTime", "--descending");
            assertThat(streams.get("logStreams").findValuesAsText("logStreamName"))
                    .containsExactly("web/app/1", "web/app/2");

            AwsCli.Result tail = aws.serviceResult("logs", "tail", GROUP, "--since", "1h");
            assertThat(tail.exitCode()).as(tail.error()).isZero();
            List<String> lines = tail.output().lines().toList();
            assertThat(lines).hasSize(26);
            assertThat(lines.get(0)).contains("web/app/1").endsWith(first.get(0));
            assertThat(lines.get(1)).contains("web/app/2").endsWith("other stream");
            assertThat(lines.getLast()).contains("web/app/1").endsWith("line 24");

            JsonNode paged = boto3(runtime, """
                    import boto3, json, sys
                    logs = boto3.client("logs", endpoint_url=sys.argv[1], region_name="us-east-1",
                                        aws_access_key_id="test", aws_secret_access_key="test")
                    group = sys.argv[2]
                    if logs.can_paginate("get_log_events"):
                        pages = logs.get_paginator("get_log_events").paginate(logGroupName=group,
                            logStreamName="web/app/1", startFromHead=True, PaginationConfig={"PageSize": 7})
                        got = [e["message"] for page in pages for e in page["events"]]
                        calls = None
                    else:
                        got, token, calls = [], None, 0
                        while calls < 20:
                            args = {"nextToken": token} if token else {"startFromHead": True}
                            page = logs.get_log_events(logGroupName=group, logStreamName="web/app/1", limit=7, **args)
                            calls += 1
                            got += [e["message"] for e in page["events"]]
                            if page["nextForwardToken"] == token:
                                break
                            token = page["nextForwardToken"]
                    pages = list(logs.get_paginator("filter_log_events").paginate(logGroupName=group,
                        PaginationConfig={"PageSize": 4}))
                    filtered = [e["logStreamName"] + " " + e["message"] for p in pages for e in p["events"]]
                    print(json.dumps({"get": got, "calls": calls, "filtered": filtered, "filterPages": len(pages)}))
                    """);
            List<String> gotByBoto = new ArrayList<>();
            paged.get("get").forEach(message -> gotByBoto.add(message.asText()));
            assertThat(gotByBoto).containsExactlyElementsOf(first);
            if (!paged.get("calls").isNull()) {
                assertThat(paged.get("calls").asInt()).as("4 pages of 7, then the same token").isEqualTo(5);
            }
            assertThat(paged.get("filtered")).hasSize(26);
            assertThat(paged.get("filtered").get(1).asText()).isEqualTo("web/app/2 other stream");
            assertThat(paged.get("filterPages").asInt()).isEqualTo(7);

            JsonNode health = JSON.readTree(RuntimeFixture.send(HttpRequest.newBuilder(
                    runtime.endpoint().resolve("/health")).build()).body());
            JsonNode worker = null;
            for (JsonNode w : health.path("workers")) {
                worker = "cloudwatch-logs".equals(w.path("name").asText()) ? w : worker;
            }
            assertThat(worker).as("the worker in /health: " + health).isNotNull();
            assertThat(worker.path("state").asText()).isEqualTo("RUNNING");
            assertThat(worker.has("error")).as(worker.toString()).isFalse();

            runtime.restart();
            AwsCli afterRestart = new AwsCli(runtime.endpoint());
            assertThat(afterRestart.logs("get-log-events", "--log-group-name", GROUP, "--log-stream-name",
                    "web/app/1", "--start-from-head").get("events").findValuesAsText("message"))
                    .as("kept across a restart").containsExactlyElementsOf(first);
            String arn = afterRestart.logs("describe-log-groups", "--log-group-name-prefix", "/ecs/")
                    .at("/logGroups/0/arn").asText().replace(":*", "");
            assertThat(afterRestart.logs("list-tags-for-resource", "--resource-arn", arn).get("tags").toString())
                    .isEqualTo("{\"team\":\"it\"}");
        }
    }

    private JsonNode boto3(RuntimeFixture runtime, String script) throws Exception {
        String output = TestImages.run(List.of("/usr/bin/python3", "-c", script, runtime.endpoint().toString(), GROUP));
        return JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
    }
}
