package dev.localecs.runtime.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Resolves container {@code secrets} at launch with the execution role (or the endpoint's identity when the
 * task has none): SSM parameters by name or ARN ({@code GetParameters} with decryption, batched) and Secrets
 * Manager secrets with ECS's full {@code valueFrom} syntax
 * ({@code arn:…:secret:<name>[:<json-key>:<version-stage>:<version-id>]}). Failures name the secret, never a
 * value.
 */
public final class SecretResolver {
    private static final int SSM_BATCH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskRoleCredentials credentials;
    private final Optional<URI> ssmEndpoint;
    private final Optional<URI> secretsManagerEndpoint;
    private final String region;

    /**
     * Creates the resolver.
     *
     * @param credentials the endpoint's credentials (execution role assumed through it)
     * @param ssmEndpoint {@code SSM_ENDPOINT_URL}
     * @param secretsManagerEndpoint {@code SECRET_MANAGER_ENDPOINT_URL}
     * @param region the region
     */
    public SecretResolver(TaskRoleCredentials credentials, Optional<URI> ssmEndpoint,
                          Optional<URI> secretsManagerEndpoint, String region) {
        this.credentials = credentials;
        this.ssmEndpoint = ssmEndpoint;
        this.secretsManagerEndpoint = secretsManagerEndpoint;
        this.region = region;
    }

    /**
     * Fetches every secret of one container.
     *
     * @param taskId the task id (the execution-role session)
     * @param executionRoleArn the execution role, if any
     * @param container the container name (for messages)
     * @param secrets environment name → {@code valueFrom}
     * @return environment name → value
     * @throws AwsCallException {@code ResourceInitializationError} naming the secret
     */
    public Map<String, String> resolve(String taskId, Optional<String> executionRoleArn, String container,
                                       Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            return Map.of();
        }
        AwsCredentialsProvider provider = provider(taskId, executionRoleArn, container);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> ssm = new LinkedHashMap<>();
        secrets.forEach((name, valueFrom) -> {
            if (valueFrom.startsWith("arn:aws:secretsmanager:")) {
                values.put(name, secretsManager(provider, container, valueFrom));
            } else {
                ssm.put(name, parameterName(valueFrom));
            }
        });
        values.putAll(parameters(provider, container, ssm));
        return values;
    }

    private AwsCredentialsProvider provider(String taskId, Optional<String> executionRoleArn, String container) {
        try {
            return credentials.executionProvider(taskId, executionRoleArn);
        } catch (RuntimeException e) {
            throw new AwsCallException(container, "unable to get credentials for the "
                    + "execution role to retrieve secrets: " + e.getMessage(), e);
        }
    }

    static String parameterName(String valueFrom) {
        if (valueFrom.startsWith("arn:")) {
            String resource = valueFrom.split(":", 6)[5];
            String name = resource.substring("parameter".length());
            return name.startsWith("//") ? name.substring(1) : name.length() > 1 && name.indexOf('/', 1) < 0
                    ? name.substring(1) : name;
        }
        return valueFrom;
    }

    private Map<String, String> parameters(AwsCredentialsProvider provider, String container,
                                           Map<String, String> byEnvironmentName) {
        if (byEnvironmentName.isEmpty()) {
            return Map.of();
        }
        var builder = SsmClient.builder().region(Region.of(region)).credentialsProvider(provider)
                .httpClient(UrlConnectionHttpClient.create());
        ssmEndpoint.ifPresent(builder::endpointOverride);
        Map<String, String> byParameter = new LinkedHashMap<>();
        try (SsmClient ssm = builder.build()) {
            List<String> names = new ArrayList<>(new LinkedHashSet<>(byEnvironmentName.values()));
            for (int i = 0; i < names.size(); i += SSM_BATCH) {
                List<String> batch = names.subList(i, Math.min(names.size(), i + SSM_BATCH));
                GetParametersResponse response = ssm.getParameters(r -> r.names(batch).withDecryption(true));
                if (!response.invalidParameters().isEmpty()) {
                    throw new AwsCallException(container, "unable to retrieve secrets "
                            + "from ssm: invalid parameters: " + response.invalidParameters(), null);
                }
                for (Parameter parameter : response.parameters()) {
                    byParameter.put(parameter.name(), parameter.value());
                }
            }
        } catch (AwsCallException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AwsCallException(container, "unable to retrieve secrets from ssm "
                    + byEnvironmentName.values() + ": " + e.getClass().getSimpleName(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        byEnvironmentName.forEach((env, name) -> values.put(env, byParameter.get(name)));
        return values;
    }

    private String secretsManager(AwsCredentialsProvider provider, String container, String valueFrom) {
        String[] parts = valueFrom.split(":", -1);
        if (parts.length < 7) {
            throw new AwsCallException(container, "invalid secret ARN " + valueFrom, null);
        }
        String secretId = String.join(":", Arrays.copyOfRange(parts, 0, 7));
        String jsonKey = parts.length > 7 && !parts[7].isEmpty() ? parts[7] : null;
        String stage = parts.length > 8 && !parts[8].isEmpty() ? parts[8] : null;
        String versionId = parts.length > 9 && !parts[9].isEmpty() ? parts[9] : null;
        var builder = SecretsManagerClient.builder().region(Region.of(region)).credentialsProvider(provider)
                .httpClient(UrlConnectionHttpClient.create());
        secretsManagerEndpoint.ifPresent(builder::endpointOverride);
        try (SecretsManagerClient client = builder.build()) {
            GetSecretValueResponse response = client.getSecretValue(r -> r.secretId(secretId).versionStage(stage)
                    .versionId(versionId));
            String secret = response.secretString();
            if (jsonKey == null) {
                return secret;
            }
            JsonNode value = JSON.readTree(secret).get(jsonKey);
            if (value == null) {
                throw new AwsCallException(container, "secret " + secretId
                        + " has no JSON key '" + jsonKey + "'", null);
            }
            return value.isTextual() ? value.asText() : value.toString();
        } catch (AwsCallException e) {
            throw e;
        } catch (IOException e) {
            throw new AwsCallException(container, "secret " + secretId
                    + " is not JSON, so key '" + jsonKey + "' cannot be read", e);
        } catch (RuntimeException e) {
            throw new AwsCallException(container, "unable to retrieve secret from "
                    + "asm: " + secretId + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
