package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.ConfigurationException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars built on the fly and dropped into {@code plugins.dir}: loading, duplicates, disabling, failures. */
class PluginJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUOTA_ACTION = """
            package team.quota;

            import dev.localecs.api.ActionRequest;
            import dev.localecs.api.EcsAction;
            import dev.localecs.api.PluginContext;
            import dev.localecs.api.Required;
            import java.util.Map;
            import org.pf4j.Extension;

            @Extension
            public class DescribeTeamQuota implements EcsAction {
                private final PluginContext context;

                public DescribeTeamQuota(PluginContext context) {
                    this.context = context;
                }

                record Request(@Required String team) {
                }

                public String name() {
                    return "DescribeTeamQuota";
                }

                public Object handle(ActionRequest request) {
                    Request body = request.bind(Request.class);
                    return Map.of("team", body.team(), "quota", 7,
                            "clusterArn", context.arns().cluster(body.team()));
                }
            }
            """;
    private static final String LIST_CLUSTERS = """
            package team.clusters;

            import dev.localecs.api.ActionRequest;
            import dev.localecs.api.EcsAction;
            import java.util.List;
            import java.util.Map;
            import org.pf4j.Extension;

            @Extension
            public class TeamListClusters implements EcsAction {
                public String name() {
                    return "ListClusters";
                }

                public Object handle(ActionRequest request) {
                    return Map.of("clusterArns", List.of("arn:aws:ecs:us-east-1:000000000000:cluster/team-only"));
                }
            }
            """;

    private static final String WORKERS = """
            package team.workers;

            import dev.localecs.api.BackgroundWorker;
            import dev.localecs.api.PluginContext;
            import dev.localecs.api.TaskSubscription;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            public abstract class LoggingWorker implements BackgroundWorker {
                final PluginContext context;

                LoggingWorker(PluginContext context) {
                    this.context = context;
                }

                void log(String line) {
                    try {
                        Files.writeString(Path.of(context.config().get("team.log").orElseThrow()), line + "\\n",
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                public void stop() {
                    log("stop " + name());
                }

                @org.pf4j.Extension
                public static class Watcher extends LoggingWorker {
                    private TaskSubscription subscription;

                    public Watcher(PluginContext context) {
                        super(context);
                    }

                    public String name() {
                        return "watcher";
                    }

                    public int order() {
                        return 10;
                    }

                    public void start() {
                        log("start watcher");
                        subscription = context.tasks().subscribe(task -> log("task " + task.lastStatus()));
                    }

                    public void stop() {
                        subscription.close();
                        super.stop();
                    }
                }

                @org.pf4j.Extension
                public static class Shipper extends LoggingWorker {
                    public Shipper(PluginContext context) {
                        super(context);
                    }

                    public String name() {
                        return "shipper";
                    }

                    public int order() {
                        return 20;
                    }

                    public void start() {
                        log("start shipper");
                    }
                }

                @org.pf4j.Extension
                public static class Broken extends LoggingWorker {
                    public Broken(PluginContext context) {
                        super(context);
                    }

                    public String name() {
                        return "broken";
                    }

                    public void start() {
                        throw new IllegalStateException("no route to the log store");
                    }
                }
            }
            """;
    @TempDir
    Path temp;

    private Path pluginsDir() throws Exception {
        return Files.createDirectories(temp.resolve("plugins"));
    }

    private RuntimeFixture start(Path plugins, Map<String, String> extra, Map<String, String> environment)
            throws Exception {
        Map<String, String> config = new LinkedHashMap<>(extra);
        config.put("plugins.dir", plugins.toString());
        config.put("plugins.mode", "deployment");
        return RuntimeFixture.start(Files.createDirectories(temp.resolve("state")), config, environment);
    }

    private static JsonNode health(RuntimeFixture runtime) throws Exception {
        return JSON.readTree(RuntimeFixture.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/health"))
                .build()).body());
    }

    @Test
    void customActionFromADroppedJarAnswersThroughTheServer() throws Exception {
        Path plugins = pluginsDir();
        PluginJar.named("team-quota").extension("team.quota.DescribeTeamQuota", QUOTA_ACTION).writeTo(plugins);

        try (RuntimeFixture runtime = start(plugins, Map.of(), Map.of())) {
            var response = runtime.post("DescribeTeamQuota", "{\"team\":\"payments\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("team").asText()).isEqualTo("payments");
            assertThat(body.get("quota").asInt()).isEqualTo(7);
            assertThat(body.get("clusterArn").asText()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/payments");

            var missing = runtime.post("DescribeTeamQuota", "{}");
            assertThat(JSON.readTree(missing.body()).get("__type").asText()).isEqualTo("InvalidParameterException");

            JsonNode health = health(runtime);
            assertThat(health.at("/actions/DescribeTeamQuota").asText()).isEqualTo("team-quota");
            assertThat(health.get("plugins").get(0).get("state").asText()).isEqualTo("STARTED");
            assertThat(health.get("plugins").get(0).get("extensions").get(0).asText())
                    .isEqualTo("EcsAction:DescribeTeamQuota");
        }
    }

    @Test
    void twoPluginsOfferingOneActionAreRefusedAtStartUnlessConfigurationPicksOne() throws Exception {
        Path plugins = pluginsDir();
        PluginJar.copyBuiltIn("ecs-clusters", plugins);
        PluginJar.named("team-clusters").extension("team.clusters.TeamListClusters", LIST_CLUSTERS).writeTo(plugins);

        assertThatThrownBy(() -> start(plugins, Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Action ListClusters is offered by several plugins")
                .hasMessageContaining("ecs-clusters").hasMessageContaining("team-clusters")
                .hasMessageContaining("actions.ListClusters.plugin").hasMessageContaining("ACTIONS_LISTCLUSTERS_PLUGIN");

        try (RuntimeFixture runtime = start(plugins, Map.of("actions.ListClusters.plugin", "team-clusters"), Map.of())) {
            assertThat(runtime.ecs().listClusters().clusterArns())
                    .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/team-only");
            assertThat(runtime.ecs().describeClusters().clusters()).as("the rest of ecs-clusters still serves")
                    .hasSize(1);
        }
        try (RuntimeFixture runtime = start(plugins, Map.of(), Map.of("ACTIONS_LISTCLUSTERS_PLUGIN", "ecs-clusters"))) {
            assertThat(runtime.ecs().listClusters().clusterArns())
                    .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/default");
        }
        assertThatThrownBy(() -> start(plugins, Map.of("actions.ListClusters.plugin", "nobody"), Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("names plugin 'nobody'");
    }

    @Test
    void disabledPluginsAreNotLoaded() throws Exception {
        Path plugins = pluginsDir();
        PluginJar.copyBuiltIn("ecs-clusters", plugins);
        PluginJar.named("team-clusters").extension("team.clusters.TeamListClusters", LIST_CLUSTERS).writeTo(plugins);

        try (RuntimeFixture runtime = start(plugins, Map.of("plugins.disabled", "team-clusters"), Map.of())) {
            assertThat(runtime.ecs().listClusters().clusterArns())
                    .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/default");
            JsonNode health = health(runtime);
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("plugins").findValues("id")).extracting(JsonNode::asText)
                    .contains("ecs-clusters", "team-clusters");
            for (JsonNode plugin : health.get("plugins")) {
                assertThat(plugin.get("state").asText())
                        .isEqualTo(plugin.get("id").asText().equals("team-clusters") ? "DISABLED" : "STARTED");
            }
        }
    }

    @Test
    void pluginsThatFailToStartShowInHealthWhileTheRestServes() throws Exception {
        Path plugins = pluginsDir();
        PluginJar.copyBuiltIn("ecs-clusters", plugins);
        PluginJar.named("broken-start").pluginClass("broken.BrokenPlugin", """
                package broken;

                public class BrokenPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        throw new IllegalStateException("cannot reach the team vault");
                    }
                }
                """).writeTo(plugins);
        PluginJar.named("broken-extension").extension("broken.ext.Boom", """
                package broken.ext;

                @org.pf4j.Extension
                public class Boom implements dev.localecs.api.EcsAction {
                    public Boom(dev.localecs.api.PluginContext context) {
                        throw new IllegalArgumentException("missing team.token setting");
                    }

                    public String name() {
                        return "Boom";
                    }

                    public Object handle(dev.localecs.api.ActionRequest request) {
                        return java.util.Map.of();
                    }
                }
                """).writeTo(plugins);
        Files.writeString(plugins.resolve("not-a-plugin.jar"), "garbage");

        try (RuntimeFixture runtime = start(plugins, Map.of(), Map.of())) {
            assertThat(runtime.ecs().listClusters().clusterArns()).hasSize(1);
            JsonNode health = health(runtime);
            assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.get("problems").toString()).contains("A plugin failed");
            assertThat(RuntimeFixture.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/health")).build())
                    .statusCode()).as("not UP, so health checks see it").isEqualTo(503);
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            health.get("plugins").forEach(p -> byId.put(p.get("id").asText(), p));
            assertThat(byId.get("ecs-clusters").get("state").asText()).isEqualTo("STARTED");
            assertThat(byId.get("broken-start").get("state").asText()).isEqualTo("FAILED");
            assertThat(byId.get("broken-start").get("error").asText()).contains("cannot reach the team vault");
            assertThat(byId.get("broken-extension").get("state").asText()).isEqualTo("FAILED");
            assertThat(byId.get("broken-extension").get("error").asText()).contains("missing team.token setting");
            assertThat(byId.get("not-a-plugin.jar").get("state").asText()).isEqualTo("FAILED");
            assertThat(health.at("/actions/Boom").isMissingNode()).isTrue();
        }
    }
    @Test
    void backgroundWorkersStartWhenReadyHearTaskEventsAndStopInReverseOrder() throws Exception {
        Path plugins = pluginsDir();
        PluginJar.named("team-workers").source("team.workers.LoggingWorker", WORKERS)
                .listed("team.workers.LoggingWorker$Watcher").listed("team.workers.LoggingWorker$Shipper")
                .listed("team.workers.LoggingWorker$Broken").writeTo(plugins);
        PluginJar.copyBuiltIn("ecs-task-definitions", plugins);
        PluginJar.copyBuiltIn("ecs-tasks", plugins);
        PluginJar.copyBuiltIn("ecs-clusters", plugins);
        Path log = temp.resolve("workers.log");

        try (RuntimeFixture runtime = start(plugins, Map.of("team.log", log.toString(), "tasks.engine", "simulated"),
                Map.of())) {
            assertThat(Files.readAllLines(log)).startsWith("start watcher", "start shipper");
            JsonNode health = health(runtime);
            assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            health.get("workers").forEach(w -> byName.put(w.get("name").asText(), w));
            assertThat(byName.get("watcher").get("state").asText()).isEqualTo("RUNNING");
            assertThat(byName.get("shipper").get("plugin").asText()).isEqualTo("team-workers");
            assertThat(byName.get("broken").get("state").asText()).isEqualTo("FAILED");
            assertThat(byName.get("broken").get("error").asText()).isEqualTo("no route to the log store");

            assertThat(runtime.post("RegisterTaskDefinition", """
                    {"family":"once","containerDefinitions":[{"name":"app","image":"busybox","memory":32,
                     "environment":[{"name":"LOCAL_ECS_SIMULATE","value":"exit:0@100ms"}]}]}""").statusCode())
                    .isEqualTo(200);
            assertThat(runtime.post("RunTask", "{\"taskDefinition\":\"once\"}").statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.readAllLines(log).contains("task STOPPED")) {
                assertThat(System.nanoTime()).as("the watcher never heard STOPPED").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(Files.readAllLines(log)).containsSubsequence("task PENDING", "task RUNNING", "task STOPPED");
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly("stop shipper", "stop watcher");
    }
    @Test
    void actionsOfOtherAwsServicesAnswerOnTheSamePortBesideEcs() throws Exception {
        Path plugins = pluginsDir();
        PluginJar.copyBuiltIn("ecs-clusters", plugins);
        PluginJar.named("team-logs").extension("team.logs.DescribeLogGroups", """
                package team.logs;

                @org.pf4j.Extension
                public class DescribeLogGroups implements dev.localecs.api.EcsAction {
                    public String name() {
                        return "DescribeLogGroups";
                    }

                    public String service() {
                        return "Logs_20140328";
                    }

                    public Object handle(dev.localecs.api.ActionRequest request) {
                        return java.util.Map.of("logGroups", java.util.List.of(java.util.Map.of("logGroupName", "/ecs/web")));
                    }
                }
                """).extension("team.logs.TagResource", """
                package team.logs;

                @org.pf4j.Extension
                public class TagResource implements dev.localecs.api.EcsAction {
                    public String name() {
                        return "TagResource";
                    }

                    public String service() {
                        return "Logs_20140328";
                    }

                    public Object handle(dev.localecs.api.ActionRequest request) {
                        return java.util.Map.of("served", "logs");
                    }
                }
                """).writeTo(plugins);

        try (RuntimeFixture runtime = start(plugins, Map.of(), Map.of())) {
            var groups = runtime.postTarget("Logs_20140328.DescribeLogGroups", "{}");
            assertThat(groups.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(groups.body()).at("/logGroups/0/logGroupName").asText()).isEqualTo("/ecs/web");

            var logsTag = runtime.postTarget("Logs_20140328.TagResource", "{}");
            assertThat(JSON.readTree(logsTag.body()).get("served").asText()).isEqualTo("logs");
            var ecsTag = runtime.post("TagResource", "{\"resourceArn\":\"arn:aws:ecs:us-east-1:000000000000:cluster/"
                    + "default\",\"tags\":[{\"key\":\"team\",\"value\":\"web\"}]}");
            assertThat(ecsTag.statusCode()).as("ECS TagResource is still the clusters plugin's").isEqualTo(200);
            assertThat(ecsTag.body()).doesNotContain("logs");

            for (String target : new String[] {"Logs_20140328.PutLogEvents", "AWSEvents.PutEvents", "Logs_20140328."}) {
                var refused = runtime.postTarget(target, "{}");
                assertThat(refused.statusCode()).as(target).isEqualTo(400);
                assertThat(JSON.readTree(refused.body()).get("__type").asText()).as(target)
                        .isEqualTo("UnknownOperationException");
            }
            assertThat(health(runtime).at("/actions/Logs_20140328.DescribeLogGroups").asText()).isEqualTo("team-logs");
            assertThat(health(runtime).at("/actions/TagResource").asText()).isEqualTo("ecs-clusters");
        }
    }
}
