package dev.localecs.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Calls ECS through boto3 (the {@code python3} first on the PATH, or {@code PYTHON3}: pyenv's, whose botocore
 * knows every current ECS operation) against an endpoint, with throwaway credentials and no user configuration.
 */
final class Boto3 {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = """
            import boto3, json, sys
            client = boto3.client("ecs", endpoint_url=sys.argv[1], region_name="us-east-1")
            answer = getattr(client, sys.argv[2])(**json.loads(sys.argv[3]))
            answer.pop("ResponseMetadata", None)
            print(json.dumps(answer, default=str))
            """;
    private final String executable = System.getenv().getOrDefault("PYTHON3", "python3");
    private final URI endpoint;

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
            ProcessBuilder builder = new ProcessBuilder(List.of(executable, "-c", SCRIPT, endpoint.toString(), method,
                    JSON.writeValueAsString(parameters)));
            Map<String, String> env = builder.environment();
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            env.put("AWS_CONFIG_FILE", "/dev/null");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            env.put("AWS_MAX_ATTEMPTS", "1");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            byte[] error = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("boto3 " + method + " failed: " + new String(error, StandardCharsets.UTF_8));
            }
            return JSON.readTree(output);
        } catch (IOException e) {
            throw new AssertionError("boto3 " + method + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
