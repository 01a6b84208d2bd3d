package dev.localecs.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code local-ecs-api ps}: the runtime's tasks, running ones (all with {@code --all}), as a table. */
final class PsCommand {
    static final String USAGE = "Usage: local-ecs-api ps [--all] [--cluster NAME] [--endpoint URL]";

    private PsCommand() {
    }

    static int main(List<String> args, Map<String, String> environment, PrintStream out) {
        CliOptions options = CliOptions.parse(args, Set.of("--cluster", "--endpoint", "--config"), Set.of("--all", "-a"),
                USAGE);
        if (!options.positional().isEmpty()) {
            throw new CliException(CliException.USAGE, USAGE);
        }
        ApiClient api = new ApiClient(options.endpoint(environment), Cli.json());
        boolean all = options.flag("--all") || options.flag("-a");
        JsonNode tasks = api.get("/ui/api/tasks" + options.value("--cluster")
                .map(cluster -> "?cluster=" + ApiClient.encode(cluster)).orElse("")).path("tasks");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TASK ID", "CLUSTER", "DEFINITION", "STATUS", "CONTAINERS", "CREATED"});
        for (JsonNode task : tasks) {
            if (!all && task.path("lastStatus").asText().equals("STOPPED")) {
                continue;
            }
            List<String> containers = new ArrayList<>();
            task.path("containers").forEach(container -> containers.add(container.path("name").asText() + ":"
                    + container.path("lastStatus").asText()
                    + (container.hasNonNull("exitCode") ? "(" + container.path("exitCode").asInt() + ")" : "")));
            rows.add(new String[] {
                task.path("taskArn").asText().replaceAll(".*/", ""),
                task.path("clusterArn").asText().replaceAll(".*/", ""),
                task.path("taskDefinitionArn").asText().replaceAll(".*/", ""),
                task.path("lastStatus").asText(),
                String.join(",", containers),
                task.hasNonNull("createdAt") ? Instant.ofEpochMilli((long) (task.path("createdAt").asDouble() * 1000))
                        .toString() : ""});
        }
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        return 0;
    }
}
