package dev.localecs.runtime.aws;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Task-role credentials: STS AssumeRole of the task's role with the endpoint's own identity, cached per task
 * and role until shortly before they expire (never one STS call per request). A strategy that vends directly
 * (static, offline) is handed out as it is.
 */
public final class TaskRoleCredentials implements AutoCloseable {
    /** How long before expiry cached credentials are replaced. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    /** Credentials for one task. */
    public record Vended(String roleArn, AwsCredentials credentials, Instant expiration) {
    }

    private final Supplier<Optional<CredentialStrategy>> strategy;
    private final Map<String, String> environment;
    private final StsAssumer sts;
    private final Optional<URI> iamEndpoint;
    private final Map<String, String> roleArns = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Map<String, Vended> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicLong assumeRoleCalls = new AtomicLong();

    /**
     * Creates the source.
     *
     * @param strategy the endpoint's credential strategy, if one is chosen
     * @param environment the process environment ({@code ECS_ENDPOINT_AWS_*} then {@code AWS_*} when no strategy)
     * @param stsEndpoint the STS endpoint ({@code STS_ENDPOINT}); empty: the regional AWS endpoint
     * @param iamEndpoint the IAM endpoint ({@code IAM_ENDPOINT}), to resolve roles given by name
     * @param region the region
     * @param clock the clock
     */
    public TaskRoleCredentials(Supplier<Optional<CredentialStrategy>> strategy, Map<String, String> environment,
                               Optional<URI> stsEndpoint, Optional<URI> iamEndpoint, String region, Clock clock) {
        this.iamEndpoint = requireNonNull(iamEndpoint, "iamEndpoint is null");
        this.strategy = requireNonNull(strategy, "strategy is null");
        this.environment = Map.copyOf(environment);
        this.sts = new StsAssumer(requireNonNull(stsEndpoint, "stsEndpoint is null"),
                requireNonNull(region, "region is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Credentials of a task's role.
     *
     * @param taskId the task id (the session name)
     * @param roleArn the task role
     * @return the credentials
     * @throws EcsException when there are no base credentials or STS refuses
     */
    public Vended forTask(String taskId, String role) {
        String roleArn = role.startsWith("arn:") ? role : roleArns.computeIfAbsent(role, this::roleArnOf);
        Optional<CredentialStrategy> chosen = strategy.get();
        if (chosen.isPresent() && chosen.get().vendsDirectly()) {
            AwsCredentials fixed = chosen.get().credentials(CredentialPurpose.ENDPOINT).orElseThrow(() ->
                    new EcsException(ErrorCode.SERVER_EXCEPTION, "Credential strategy " + chosen.get().name()
                            + " has no credentials for the endpoint."));
            return new Vended(roleArn, fixed, fixed.expiration().orElse(clock.instant().plus(Duration.ofHours(1))));
        }
        String key = taskId + "|" + roleArn;
        Vended cached = cache.get(key);
        if (fresh(cached)) {
            return cached;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            cached = cache.get(key);
            if (fresh(cached)) {
                return cached;
            }
            Vended assumed = assume(taskId, roleArn, base());
            cache.put(key, assumed);
            return assumed;
        }
    }

    /**
     * The endpoint's credential strategy for {@code /health}: its name, {@code UP} or {@code DOWN}, and what
     * keeps it from producing credentials (an expired SSO login names the command to run).
     *
     * @return strategy, status and problem
     */
    public Map<String, Object> strategyHealth() {
        Optional<CredentialStrategy> chosen = strategy.get();
        Optional<String> problem;
        try {
            problem = chosen.flatMap(s -> s.problem(CredentialPurpose.ENDPOINT));
        } catch (RuntimeException e) {
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("strategy", chosen.map(CredentialStrategy::name).orElse("environment"));
        health.put("status", problem.isPresent() ? "DOWN" : "UP");
        problem.ifPresent(p -> health.put("problem", p));
        return health;
    }

    private boolean fresh(Vended vended) {
        return vended != null && vended.expiration().minus(REFRESH_BEFORE).isAfter(clock.instant());
    }

    /**
     * An AWS SDK credentials provider for a task's execution-role calls (secrets, environment files,
     * registry logins): the execution role assumed through the endpoint's identity, or that identity itself
     * when the task has no execution role.
     *
     * @param taskId the task id
     * @param executionRoleArn the execution role, if any
     * @return the provider
     * @throws EcsException when there are no credentials
     */
    public AwsCredentialsProvider executionProvider(String taskId,
            Optional<String> executionRoleArn) {
        AwsCredentials c = executionCredentials(taskId, executionRoleArn);
        return StaticCredentialsProvider.create(c.sessionToken().isPresent()
                ? AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey(), c.sessionToken().get())
                : AwsBasicCredentials.create(c.accessKeyId(),
                        c.secretAccessKey()));
    }

    /**
     * A task's execution-role credentials (log delivery, as well as the calls behind
     * {@link #executionProvider(String, Optional)}): the execution role assumed through the endpoint's identity
     * (cached until shortly before they expire), or that identity itself when the task has no execution role.
     *
     * @param taskId the task id
     * @param executionRoleArn the execution role, if any
     * @return the credentials
     * @throws EcsException when there are no credentials
     */
    public AwsCredentials executionCredentials(String taskId, Optional<String> executionRoleArn) {
        return executionRoleArn.map(role -> forTask(taskId, role).credentials()).orElseGet(this::base);
    }

    /** ECS takes a role's short name too; IAM GetRole gives its ARN. */
    private String roleArnOf(String name) {
        AwsCredentials base = base();
        var identity = base.sessionToken().isPresent()
                ? AwsSessionCredentials.create(base.accessKeyId(),
                        base.secretAccessKey(), base.sessionToken().get())
                : AwsBasicCredentials.create(base.accessKeyId(),
                        base.secretAccessKey());
        var builder = IamClient.builder()
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(identity))
                .httpClient(UrlConnectionHttpClient.create());
        iamEndpoint.ifPresent(builder::endpointOverride);
        try (var iam = builder.build()) {
            return iam.getRole(r -> r.roleName(name)).role().arn();
        } catch (RuntimeException e) {
            throw new EcsException(ErrorCode.SERVER_EXCEPTION, "Role " + name + " could not be resolved with IAM: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private AwsCredentials base() {
        Optional<CredentialStrategy> chosen = strategy.get();
        if (chosen.isPresent()) {
            return chosen.get().credentials(CredentialPurpose.ENDPOINT).orElseThrow(() ->
                    new EcsException(ErrorCode.SERVER_EXCEPTION, "Credential strategy " + chosen.get().name()
                            + " has no credentials for the endpoint."));
        }
        for (String prefix : new String[] {"ECS_ENDPOINT_", ""}) {
            String key = environment.get(prefix + "AWS_ACCESS_KEY_ID");
            String secret = environment.get(prefix + "AWS_SECRET_ACCESS_KEY");
            if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
                return new AwsCredentials(key, secret,
                        Optional.ofNullable(environment.get(prefix + "AWS_SESSION_TOKEN")).filter(t -> !t.isBlank()),
                        Optional.empty());
            }
        }
        throw new EcsException(ErrorCode.SERVER_EXCEPTION, "The endpoint has no AWS identity to assume task roles "
                + "with: set credentials.endpoint.strategy or ECS_ENDPOINT_AWS_ACCESS_KEY_ID/"
                + "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY.");
    }

    private Vended assume(String taskId, String roleArn, AwsCredentials base) {
        assumeRoleCalls.incrementAndGet();
        AwsCredentials assumed = sts.assumeRole(base, roleArn, taskId);
        return new Vended(roleArn, assumed, assumed.expiration().orElse(clock.instant().plus(Duration.ofHours(1))));
    }

    /**
     * How many AssumeRole calls were made (for {@code /health}).
     *
     * @return the count
     */
    public long assumeRoleCalls() {
        return assumeRoleCalls.get();
    }

    @Override
    public void close() {
        cache.clear();
    }
}
