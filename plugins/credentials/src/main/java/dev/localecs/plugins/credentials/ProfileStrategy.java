package dev.localecs.plugins.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.AwsCredentials;
import dev.localecs.api.ConfigView;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
import dev.localecs.api.PluginContext;
import dev.localecs.api.StsService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * {@code profile}: a named profile from a (mounted) {@code ~/.aws}: static keys, {@code credential_process},
 * or {@code role_arn} with {@code source_profile} chains (assumed at the configured STS endpoint). The name
 * comes from {@code credentials.profile.name}, else {@code ECS_ENDPOINT_AWS_PROFILE} (endpoint) or
 * {@code AWS_PROFILE}; files from {@code credentials.profile.config-file}/{@code credentials-file}, else
 * {@code AWS_CONFIG_FILE}/{@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/config} and
 * {@code ~/.aws/credentials}. Temporary credentials are cached until five minutes before they expire.
 */
@Extension
public final class ProfileStrategy implements CredentialStrategy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final ConfigView config;
    private final Map<String, String> environment;
    private final StsService sts;
    private final Map<String, AwsCredentials> cache = new ConcurrentHashMap<>();

    /**
     * Creates the strategy.
     *
     * @param context the runtime's services
     */
    public ProfileStrategy(PluginContext context) {
        this.config = context.config();
        this.environment = context.environment();
        this.sts = context.sts();
    }

    @Override
    public String name() {
        return "profile";
    }

    String profileName(CredentialPurpose purpose) {
        return config.get("credentials.profile.name")
                .or(() -> purpose == CredentialPurpose.ENDPOINT
                        ? Optional.ofNullable(environment.get("ECS_ENDPOINT_AWS_PROFILE")) : Optional.empty())
                .or(() -> Optional.ofNullable(environment.get("AWS_PROFILE")))
                .filter(name -> !name.isBlank()).orElse("default");
    }

    private Path file(String key, String variable, String name) {
        return config.get(key).or(() -> Optional.ofNullable(environment.get(variable)))
                .map(Path::of)
                .orElseGet(() -> Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".aws", name));
    }

    private Map<String, Map<String, String>> profiles() {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        for (Path file : new Path[] {file("credentials.profile.config-file", "AWS_CONFIG_FILE", "config"),
                file("credentials.profile.credentials-file", "AWS_SHARED_CREDENTIALS_FILE", "credentials")}) {
            if (Files.isRegularFile(file)) {
                try {
                    IniFiles.parse(Files.readString(file)).forEach((profile, values) ->
                            merged.computeIfAbsent(profile, k -> new LinkedHashMap<>()).putAll(values));
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return merged;
    }

    @Override
    public Optional<AwsCredentials> credentials(CredentialPurpose purpose) {
        return resolve(profileName(purpose), profiles(), new HashSet<>());
    }

    private Optional<AwsCredentials> resolve(String name, Map<String, Map<String, String>> profiles, Set<String> seen) {
        Map<String, String> profile = profiles.get(name);
        if (profile == null || !seen.add(name)) {
            return Optional.empty();
        }
        if (profile.containsKey("role_arn") && profile.containsKey("source_profile")) {
            String role = profile.get("role_arn");
            return cached("role:" + name, () -> resolve(profile.get("source_profile"), profiles, seen)
                    .map(base -> sts.assumeRole(base, role, profile.getOrDefault("role_session_name", "local-ecs-api"))));
        }
        if (profile.get("aws_access_key_id") != null && profile.get("aws_secret_access_key") != null) {
            return Optional.of(new AwsCredentials(profile.get("aws_access_key_id"), profile.get("aws_secret_access_key"),
                    Optional.ofNullable(profile.get("aws_session_token")), Optional.empty()));
        }
        if (profile.containsKey("credential_process")) {
            return cached("process:" + name, () -> Optional.of(process(profile.get("credential_process"))));
        }
        return Optional.empty();
    }

    private Optional<AwsCredentials> cached(String key, Supplier<Optional<AwsCredentials>> fetch) {
        AwsCredentials known = cache.get(key);
        if (known != null && known.expiration().map(e -> e.minus(REFRESH_BEFORE).isAfter(Instant.now())).orElse(true)) {
            return Optional.of(known);
        }
        Optional<AwsCredentials> fresh = fetch.get();
        fresh.ifPresent(credentials -> cache.put(key, credentials));
        return fresh;
    }

    /** Runs a {@code credential_process} and reads its JSON (Version 1) from standard output. */
    private static AwsCredentials process(String command) {
        try {
            Process process = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("credential_process failed (exit " + process.exitValue() + ")");
            }
            JsonNode json = JSON.readTree(output);
            if (!json.hasNonNull("AccessKeyId") || !json.hasNonNull("SecretAccessKey")) {
                throw new IllegalStateException("credential_process output has no AccessKeyId/SecretAccessKey");
            }
            return new AwsCredentials(json.get("AccessKeyId").asText(), json.get("SecretAccessKey").asText(),
                    Optional.ofNullable(json.get("SessionToken")).map(JsonNode::asText),
                    Optional.ofNullable(json.get("Expiration")).map(e -> Instant.parse(e.asText())));
        } catch (IOException e) {
            throw new IllegalStateException("credential_process could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("credential_process was interrupted", e);
        }
    }

    @Override
    public Optional<String> misconfiguration(CredentialPurpose purpose) {
        String name = profileName(purpose);
        Map<String, Map<String, String>> profiles = profiles();
        if (!profiles.containsKey(name)) {
            return Optional.of("profile '" + name + "' is not in " + file("credentials.profile.config-file",
                    "AWS_CONFIG_FILE", "config") + " or " + file("credentials.profile.credentials-file",
                    "AWS_SHARED_CREDENTIALS_FILE", "credentials") + " (set credentials.profile.name, AWS_PROFILE or "
                    + "ECS_ENDPOINT_AWS_PROFILE, and mount ~/.aws).");
        }
        Map<String, String> profile = profiles.get(name);
        boolean usable = profile.containsKey("aws_access_key_id") || profile.containsKey("credential_process")
                || profile.containsKey("role_arn") && profile.containsKey("source_profile");
        return usable ? Optional.empty() : Optional.of("profile '" + name + "' has no keys, credential_process or "
                + "role_arn/source_profile.");
    }
}
