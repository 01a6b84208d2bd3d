package dev.localecs.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code local-ecs-api logs TASK}: a task's container output so far, or followed until it stops. */
final class LogsCommand {
    static final String USAGE = "Usage: local-ecs-api logs TASK-ID|TASK-ARN [--follow|-f] [--cluster NAME] "
            + "[--endpoint URL]";

    private LogsCommand() {
    }

    static int main(List<String> args, Map<String, String> environment, PrintStream out) {
        CliOptions options = CliOptions.parse(args, Set.of("--cluster", "--endpoint", "--config"),
                Set.of("--follow", "-f"), USAGE);
        if (options.positional().size() != 1) {
            throw new CliException(CliException.USAGE, USAGE);
        }
        ApiClient api = new ApiClient(options.endpoint(environment), Cli.json());
        String reference = options.positional().get(0);
        String taskId = reference.replaceAll(".*/", "");
        String cluster = options.value("--cluster").orElseGet(() -> clusterOf(api, reference, taskId));
        List<String> names = new ArrayList<>();
        OutputPrinter printer = new OutputPrinter(out, OutputPrinter.colourWanted(environment), names);
        boolean[] missing = {false};
        api.output(cluster, taskId, options.flag("--follow") || options.flag("-f"), item -> {
            if (item.path("end").asBoolean() && item.path("lastStatus").asText().equals("MISSING")) {
                missing[0] = true;
            }
            printer.print(item);
        });
        if (missing[0]) {
            throw new CliException(1, "No task " + taskId + " in cluster " + cluster + ".");
        }
        return 0;
    }

    /** An ARN names its cluster ({@code task/<cluster>/<id>}); a bare id is looked up among all tasks. */
    private static String clusterOf(ApiClient api, String reference, String taskId) {
        String[] parts = reference.split("/");
        if (reference.startsWith("arn:") && parts.length == 3) {
            return parts[1];
        }
        for (JsonNode task : api.get("/ui/api/tasks").path("tasks")) {
            String arn = task.path("taskArn").asText();
            if (arn.endsWith("/" + taskId)) {
                return task.path("clusterArn").asText().replaceAll(".*/", "");
            }
        }
        throw new CliException(1, "No task " + taskId + " on the runtime at " + api.endpoint() + ".");
    }
}
