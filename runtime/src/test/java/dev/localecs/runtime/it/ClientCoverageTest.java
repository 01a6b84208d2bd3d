package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every operation of botocore's ECS model (that of the boto3 the tests drive, {@link Boto3}) is called by at least
 * one integration test through a real client of the AWS CLI/boto3 family: the AWS CLI ({@code aws.ecs("list-tasks",
 * …)}, {@code ecsResult(…)}, {@code "ecs", "list-tasks"}, or an argument list {@code List.of("run-task", …)} in a
 * test that runs the CLI) or boto3 ({@code .list_tasks(} in Python text: a text block of an IT, or a test
 * resource {@code .py} file an IT names). Calls through the AWS SDK for Java or raw HTTP do not count. Reads
 * sources only: no Docker, no build of the tests scanned.
 */
class ClientCoverageTest {
    private static final Pattern CLI_CALL = Pattern.compile("\\b(?:ecs|ecsResult)\\(\\s*\"([a-z0-9-]+)\"");
    private static final Pattern CLI_ARGS = Pattern.compile("\"ecs\"\\s*,\\s*\"([a-z0-9-]+)\"");
    private static final Pattern CLI_LIST = Pattern.compile("\\bList\\.of\\(\\s*\"([a-z0-9-]+)\"");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern PYTHON_CALL = Pattern.compile("\\.([a-z0-9_]+)\\(");
    private static final Pattern FIRST_CAP = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern END_CAP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern SPECIAL_END = Pattern.compile("[A-Z]{2,}s$");

    /** The CLI commands and boto3 methods the integration tests call, in one set ("list-tasks", "list_tasks"). */
    record Calls(Set<String> cli, Set<String> boto3) {
        boolean covers(String operation) {
            return cli.contains(name(operation, "-")) || boto3.contains(name(operation, "_"));
        }
    }

    /** botocore's {@code xform_name}: the CLI's command ({@code -}) and boto3's method ({@code _}) of an operation. */
    static String name(String operation, String separator) {
        String name = operation;
        Matcher special = SPECIAL_END.matcher(name);
        if (special.find()) {
            name = name.substring(0, special.start()) + separator + special.group().toLowerCase(Locale.ROOT);
        }
        name = FIRST_CAP.matcher(name).replaceAll("$1" + separator + "$2");
        return END_CAP.matcher(name).replaceAll("$1" + separator + "$2").toLowerCase(Locale.ROOT);
    }

    /** The calls in one IT's source, plus those of the given Python resource texts. */
    static Calls scan(String javaSource, List<String> pythonResources) {
        Set<String> cli = new TreeSet<>();
        collect(CLI_CALL, javaSource, cli);
        collect(CLI_ARGS, javaSource, cli);
        if (javaSource.contains("new AwsCli(")) {
            collect(CLI_LIST, javaSource, cli);
        }
        Set<String> boto3 = new TreeSet<>();
        Matcher block = TEXT_BLOCK.matcher(javaSource);
        while (block.find()) {
            collect(PYTHON_CALL, block.group(1), boto3);
        }
        pythonResources.forEach(text -> collect(PYTHON_CALL, text, boto3));
        return new Calls(cli, boto3);
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    /** Every integration test's calls: runtime's and the plugins' {@code *IT.java}. */
    static Calls scanProject() {
        Path root = RuntimeFixture.projectRoot();
        List<Path> its = new ArrayList<>();
        List<Path> python = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/src/test/"))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/node_modules/"))
                    .forEach(f -> {
                        String name = f.getFileName().toString();
                        if (name.endsWith("IT.java") && f.toString().contains("/src/test/java/")) {
                            its.add(f);
                        } else if (name.endsWith(".py") && f.toString().contains("/src/test/resources/")) {
                            python.add(f);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(its).as("integration tests under " + root).isNotEmpty();
        Set<String> cli = new TreeSet<>();
        Set<String> boto3 = new TreeSet<>();
        for (Path it : its) {
            String source = read(it);
            List<String> named = python.stream().filter(p -> source.contains("\"" + p.getFileName() + "\""))
                    .map(ClientCoverageTest::read).toList();
            Calls calls = scan(source, named);
            cli.addAll(calls.cli());
            boto3.addAll(calls.boto3());
        }
        return new Calls(cli, boto3);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operations of botocore's ECS model; fails (never skips) when that model cannot be read. */
    static Set<String> operations() {
        Set<String> names = new TreeSet<>();
        Boto3.ecsModel().get("operations").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void namesAreBotocoresTransform() {
        assertThat(name("ListServicesByNamespace", "-")).isEqualTo("list-services-by-namespace");
        assertThat(name("DescribeDaemonTaskDefinition", "_")).isEqualTo("describe_daemon_task_definition");
        assertThat(name("ListTagsForResource", "_")).isEqualTo("list_tags_for_resource");
        assertThat(name("DescribeDBs", "-")).as("botocore's trailing-acronym case").isEqualTo("describe-dbs");
    }

    @Test
    void theScanCountsCliAndBoto3CallsAndNothingElse() {
        String source = """
                class SomeIT {
                    void cli() {
                        aws.ecs("run-task", "--task-definition", "x");
                        aws.ecsResult("stop-task", "--task", "y");
                        aws.json("ecs", "list-clusters");
                        runtime.ecs().listDaemons(r -> { });
                        runtime.post("ListServices", "{}");
                        String label = "describe-daemon";
                        List<String> args = new ArrayList<>(List.of("list-daemons"));
                    }
                    String script = \"""
                            print(ecs.describe_daemon(daemonArn=sys.argv[2]))
                            \""";
                }
                """;
        Calls calls = scan(source, List.of("ecs.update_daemon(daemonArn=arn)"));
        assertThat(calls.cli()).containsExactlyInAnyOrder("run-task", "stop-task", "list-clusters");
        assertThat(calls.boto3()).containsExactlyInAnyOrder("describe_daemon", "update_daemon");
        assertThat(calls.covers("ListDaemons")).as("an SDK call or a list in a test without the CLI").isFalse();
        assertThat(calls.covers("ListServices")).as("a raw HTTP call").isFalse();
        assertThat(calls.covers("DescribeDaemon")).isTrue();
        assertThat(scan(source + "new AwsCli(endpoint);", List.of()).covers("ListDaemons"))
                .as("an argument list in a test that runs the CLI").isTrue();
    }

    @Test
    void botocoresModelIsTheCurrentOne() {
        assertThat(operations()).hasSizeGreaterThanOrEqualTo(77)
                .contains("CreateDaemon", "CreateExpressGatewayService", "ListServiceDeployments");
    }

    @Test
    void everyOperationIsCalledByAnIntegrationTestThroughTheAwsCliOrBoto3() {
        Calls calls = scanProject();
        assertThat(calls.covers("RunTask")).as("the scan sees the ITs' CLI calls").isTrue();
        assertThat(calls.covers("DescribeTasks")).as("the scan sees the ITs' boto3 calls").isTrue();
        Set<String> missing = new TreeSet<>();
        for (String operation : operations()) {
            if (!calls.covers(operation)) {
                missing.add(operation);
            }
        }
        assertThat(missing).as("ECS operations no integration test calls through the AWS CLI or boto3").isEmpty();
    }
}
