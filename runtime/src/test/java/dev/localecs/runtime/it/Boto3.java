package dev.localecs.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The boto3 the tests drive: the {@code python3} named by {@code BOTO3_PYTHON}, else the first {@code python3} on
 * {@code PATH} (pyenv's on the project's machines; Debian's {@code /usr/bin/python3} carries botocore 1.29, which
 * predates daemons, express gateway services and service deployments). Whichever it is must know the ECS
 * operations the tests call through it ({@link #NEEDED}), or {@link #python()} fails naming those it lacks.
 */
final class Boto3 {
    /** Operations newer than Debian's botocore 1.29 that the integration tests call through boto3. */
    static final Set<String> NEEDED = Set.of("ContinueServiceDeployment", "CreateDaemon",
            "CreateExpressGatewayService", "DeleteDaemonTaskDefinition", "DescribeDaemonRevisions",
            "DescribeServiceRevisions", "ListServiceDeployments", "StopServiceDeployment");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String python;
    private static JsonNode model;

    private static final String CALL = """
            answer = getattr(ecs, sys.argv[2])(**json.loads(sys.argv[3]))
            answer.pop("ResponseMetadata", None)
            print(json.dumps(answer, default=str))
            """;

    private final URI endpoint;

    /**
     * A client of one endpoint, for {@link #call(String, Map)}.
     *
     * @param endpoint the runtime's endpoint
     */
    Boto3(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Calls one operation and answers its JSON; fails when the client raises.
     *
     * @param method the client's method ({@code create_express_gateway_service})
     * @param parameters its keyword arguments
     * @return the answer without its ResponseMetadata
     */
    JsonNode call(String method, Map<String, ?> parameters) {
        try {
            return run(endpoint, CALL, method, JSON.writeValueAsString(parameters));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The interpreter, checked once to know the {@link #NEEDED} operations. */
    static synchronized String python() {
        if (python == null) {
            String candidate = System.getenv().getOrDefault("BOTO3_PYTHON", "python3");
            JsonNode ecs = readModel(candidate);
            Set<String> lacking = new TreeSet<>(NEEDED);
            ecs.get("operations").fieldNames().forEachRemaining(lacking::remove);
            if (!lacking.isEmpty()) {
                throw new IllegalStateException(candidate + " (" + run(candidate, List.of("-c",
                        "import botocore;print(botocore.__file__, botocore.__version__)")).trim()
                        + ") has a botocore whose ECS model lacks " + lacking + ": put a python3 with a recent boto3 "
                        + "first on PATH (pyenv's, pip install boto3) or name it with BOTO3_PYTHON");
            }
            model = ecs;
            python = candidate;
        }
        return python;
    }

    /** The ECS model ({@code service-2.json}) of that interpreter's botocore. */
    static synchronized JsonNode ecsModel() {
        python();
        return model;
    }

    /**
     * Runs a Python script with {@code ecs}, a boto3 ECS client of the endpoint, defined before it (throwaway
     * credentials, us-east-1, no retries); the script's last output line must be one JSON document, returned.
     */
    static JsonNode run(URI endpoint, String script, String... args) {
        String prelude = """
                import json, sys, time
                import boto3, botocore.config
                ecs = boto3.client("ecs", endpoint_url=sys.argv[1], region_name="us-east-1",
                                   aws_access_key_id="test", aws_secret_access_key="test",
                                   config=botocore.config.Config(retries={"max_attempts": 1}))
                """;
        List<String> command = new ArrayList<>(List.of("-c", prelude + script, endpoint.toString()));
        command.addAll(List.of(args));
        String output = run(python(), command).trim();
        String last = output.substring(output.lastIndexOf('\n') + 1);
        try {
            return JSON.readTree(last);
        } catch (IOException e) {
            throw new AssertionError("the boto3 script printed no JSON last: " + output, e);
        }
    }

    private static JsonNode readModel(String interpreter) {
        String folder = run(interpreter, List.of("-c",
                "import botocore,os;print(os.path.join(os.path.dirname(botocore.__file__),'data','ecs','2014-11-13'))"))
                .trim();
        Path gzipped = Path.of(folder, "service-2.json.gz");
        Path plain = Path.of(folder, "service-2.json");
        if (!Files.exists(gzipped) && !Files.exists(plain)) {
            throw new IllegalStateException("botocore of " + interpreter + " has no ECS model in " + folder);
        }
        try (InputStream in = Files.exists(gzipped) ? new GZIPInputStream(Files.newInputStream(gzipped))
                : Files.newInputStream(plain)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read botocore's ECS model in " + folder, e);
        }
    }

    private static String run(String interpreter, List<String> args) {
        List<String> command = new ArrayList<>(List.of(interpreter));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(interpreter + " did not finish within 120 s: " + output);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(interpreter + " failed (" + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + interpreter + " (a python3 with boto3 is needed; name it "
                    + "with BOTO3_PYTHON)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
