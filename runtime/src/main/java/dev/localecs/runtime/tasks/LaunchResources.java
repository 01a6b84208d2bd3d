package dev.localecs.runtime.tasks;

import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.model.Secret;
import dev.localecs.runtime.aws.AwsCallException;
import dev.localecs.runtime.aws.EnvironmentFiles;
import dev.localecs.runtime.aws.RegistryLogin;
import dev.localecs.runtime.aws.RegistryLogins;
import dev.localecs.runtime.aws.SecretResolver;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.LaunchHints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a launch fetches from AWS with the task's execution role: private-registry logins for the pulls,
 * secrets and environment-file variables for the containers, and the values of their log drivers'
 * {@code secretOptions} (values only in memory). Failures become the
 * container reasons ECS shows: {@code CannotPullContainerError} for logins, {@code ResourceInitializationError}
 * for secrets and environment files.
 *
 * @param secrets resolves container secrets
 * @param environmentFiles reads environment files from S3
 * @param registryLogins logs in to private registries
 */
public record LaunchResources(Optional<SecretResolver> secrets, Optional<EnvironmentFiles> environmentFiles,
                              Optional<RegistryLogins> registryLogins) {

    /** How ECS begins the reason when a task's secrets cannot be read. */
    static final String SECRETS_FAILED = "unable to pull secrets or registry auth: execution resource retrieval "
            + "failed: ";

    /** No AWS access: tasks with secrets, environment files or private images fail to launch, saying why. */
    public static final LaunchResources NONE = new LaunchResources(Optional.empty(), Optional.empty(),
            Optional.empty());

    /**
     * Logins for images from private registries (ECR, repositoryCredentials), by service.
     *
     * @param taskId the task id
     * @param executionRole the execution role, if any
     * @param compose the task's project
     * @return the logins by service
     * @throws LaunchException {@code CannotPullContainerError} naming what could not be read
     */
    Map<String, RegistryLogin> registryLogins(String taskId, Optional<String> executionRole, ComposedTask compose) {
        Map<String, RegistryLogin> logins = new LinkedHashMap<>();
        if (registryLogins.isEmpty()) {
            return logins;
        }
        compose.effective().services().forEach((name, service) -> {
            if (service.image() == null || service.build() != null) {
                return;
            }
            Optional<String> repositoryCredentials = LaunchHints.of(service).repositoryCredentials();
            try {
                registryLogins.get().forImage(taskId, executionRole, name, service.image(), repositoryCredentials)
                        .ifPresent(login -> logins.put(name, login));
            } catch (AwsCallException e) {
                throw new LaunchException(LaunchException.Kind.PULL, name, e.getMessage(), e);
            }
        });
        return logins;
    }

    /**
     * The environment a service gets at launch beyond its compose file: variables of its environment files
     * (below the definition's own environment) and its secrets.
     *
     * @param taskId the task id
     * @param executionRole the execution role, if any
     * @param service the service
     * @param definition its compose service
     * @return the variables
     * @throws LaunchException {@code ResourceInitializationError} naming what could not be read
     */
    Map<String, String> environment(String taskId, Optional<String> executionRole, String service,
                                    ComposeService definition) {
        LaunchHints hints = LaunchHints.of(definition);
        Map<String, String> references = hints.secrets();
        List<String> files = hints.environmentFiles();
        if (references.isEmpty() && files.isEmpty()) {
            return Map.of();
        }
        if (secrets.isEmpty() || environmentFiles.isEmpty()) {
            throw new LaunchException(LaunchException.Kind.RESOURCE, service, "secrets and environment files cannot "
                    + "be retrieved: the runtime has no credentials endpoint", null);
        }
        Map<String, String> launch = new LinkedHashMap<>();
        try {
            environmentFiles.get().read(taskId, executionRole, service, files).forEach((key, value) -> {
                if (definition.environment() == null || !definition.environment().containsKey(key)) {
                    launch.put(key, value);
                }
            });
        } catch (AwsCallException e) {
            throw new LaunchException(LaunchException.Kind.RESOURCE, e.container().orElse(service), e.getMessage(), e);
        }
        launch.putAll(resolve(taskId, executionRole, service, references));
        return launch;
    }

    /** Secrets (of the environment or the log driver), failing in ECS's words. */
    private Map<String, String> resolve(String taskId, Optional<String> executionRole, String container,
                                        Map<String, String> references) {
        try {
            return secrets.orElseThrow().resolve(taskId, executionRole, container, references);
        } catch (AwsCallException e) {
            throw new LaunchException(LaunchException.Kind.RESOURCE, e.container().orElse(container),
                    SECRETS_FAILED + e.getMessage(), e);
        }
    }

    /**
     * The values of a container's {@code logConfiguration.secretOptions}, resolved as its {@code secrets} are
     * (SSM parameters, Secrets Manager secrets with ECS's {@code valueFrom} syntax, the execution role).
     *
     * @param taskId the task id
     * @param executionRole the execution role, if any
     * @param container the container
     * @param secretOptions the definition's secret options
     * @return log option name → value, in the definition's order
     * @throws LaunchException {@code ResourceInitializationError} naming what could not be read
     */
    Map<String, String> logOptions(String taskId, Optional<String> executionRole, String container,
                                   List<Secret> secretOptions) {
        if (secretOptions.isEmpty()) {
            return Map.of();
        }
        if (secrets.isEmpty()) {
            throw new LaunchException(LaunchException.Kind.RESOURCE, container, "the log driver's secret options "
                    + "cannot be retrieved: the runtime has no credentials endpoint", null);
        }
        Map<String, String> references = new LinkedHashMap<>();
        for (Secret option : secretOptions) {
            if (option.name() == null || option.name().isBlank() || option.valueFrom() == null
                    || option.valueFrom().isBlank()) {
                throw new LaunchException(LaunchException.Kind.RESOURCE, container, "a log configuration secret "
                        + "option needs a name and a valueFrom", null);
            }
            references.put(option.name(), option.valueFrom());
        }
        return resolve(taskId, executionRole, container, references);
    }
}
