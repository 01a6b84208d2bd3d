package dev.localecs.plugins.credentials;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.StsService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials of the profiles of one version of the profile files. Role profiles ({@code role_arn}) are
 * assumed at the runtime's STS endpoint: with {@code source_profile} or {@code credential_source} through the
 * runtime's STS service, with {@code web_identity_token_file} through the SDK's web identity provider; IAM
 * Identity Center profiles go through the SDK's SSO provider ({@link SsoProviders}); everything else (static
 * keys, {@code credential_process}) through the SDK's {@link ProfileCredentialsProvider}. The SDK providers are
 * kept, so their own caching and refresh before expiry apply; assumed roles are cached until five minutes
 * before they expire.
 */
final class ProfileChain implements AutoCloseable {
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    private static final String DEFAULT_SESSION = "local-ecs-api";

    private final ProfileFile file;
    private final StsService sts;
    private final SsoProviders sso;
    private final StsClients stsClients;
    private final Map<String, String> environment;
    private final Map<String, AwsCredentialsProvider> providers = new ConcurrentHashMap<>();
    private final Map<String, AwsCredentials> assumed = new ConcurrentHashMap<>();

    ProfileChain(ProfileFile file, StsService sts, SsoProviders sso, StsClients stsClients,
                 Map<String, String> environment) {
        this.file = file;
        this.sts = sts;
        this.sso = sso;
        this.stsClients = stsClients;
        this.environment = environment;
    }

    ProfileFile file() {
        return file;
    }

    /**
     * A profile's credentials.
     *
     * @param name the profile
     * @return them, or empty when the profile is missing, has no credentials or its chain loops
     * @throws LoginExpiredException when an IAM Identity Center login in the chain has expired
     */
    Optional<AwsCredentials> credentials(String name) {
        return resolve(name, name, new HashSet<>());
    }

    private Optional<AwsCredentials> resolve(String asked, String name, Set<String> seen) {
        Optional<Profile> found = file.profile(name);
        if (found.isEmpty() || !seen.add(name)) {
            return Optional.empty();
        }
        Profile profile = found.get();
        Optional<String> role = profile.property(ProfileProperty.ROLE_ARN);
        String session = profile.property(ProfileProperty.ROLE_SESSION_NAME).orElse(DEFAULT_SESSION);
        if (role.isPresent() && profile.property(ProfileProperty.WEB_IDENTITY_TOKEN_FILE).isPresent()) {
            return Optional.of(fromProvider(asked, name, () -> stsClients.webIdentity(role.get(), session,
                    Path.of(profile.property(ProfileProperty.WEB_IDENTITY_TOKEN_FILE).get()))));
        }
        if (role.isPresent() && profile.property(ProfileProperty.SOURCE_PROFILE).isPresent()) {
            String source = profile.property(ProfileProperty.SOURCE_PROFILE).get();
            return assume(name, role.get(), session, () -> resolve(asked, source, seen));
        }
        if (role.isPresent() && profile.property(ProfileProperty.CREDENTIAL_SOURCE).isPresent()) {
            String source = profile.property(ProfileProperty.CREDENTIAL_SOURCE).get();
            return assume(name, role.get(), session, () -> Optional.of(fromProvider(asked, name + "#source",
                    () -> CredentialSources.provider(source, environment))));
        }
        if (SsoProviders.isSso(profile)) {
            return Optional.of(fromProvider(asked, name, () -> sso.provider(profile, file)));
        }
        if (profile.property(ProfileProperty.AWS_ACCESS_KEY_ID).isPresent()
                || profile.property(ProfileProperty.CREDENTIAL_PROCESS).isPresent()) {
            return Optional.of(fromProvider(asked, name, () -> ProfileCredentialsProvider.builder()
                    .profileFile(file).profileName(name).build()));
        }
        return Optional.empty();
    }

    private Optional<AwsCredentials> assume(String name, String role, String session,
                                            Supplier<Optional<AwsCredentials>> base) {
        String key = name + "|" + role;
        AwsCredentials known = assumed.get(key);
        if (known != null && known.expiration().map(e -> e.minus(REFRESH_BEFORE).isAfter(Instant.now())).orElse(true)) {
            return Optional.of(known);
        }
        Optional<AwsCredentials> fresh = base.get().map(credentials -> sts.assumeRole(credentials, role, session));
        fresh.ifPresent(credentials -> assumed.put(key, credentials));
        return fresh;
    }

    private AwsCredentials fromProvider(String asked, String key,
                                        Supplier<AwsCredentialsProvider> create) {
        AwsCredentialsProvider provider = providers.computeIfAbsent(key, k -> SdkCalls.call(create));
        try {
            return SdkCalls.call(() -> convert(provider.resolveCredentials()));
        } catch (RuntimeException e) {
            String profile = key.replace("#source", "");
            if (SsoProviders.isLoginFailure(e)) {
                throw new LoginExpiredException(asked, profile, e);
            }
            throw new IllegalStateException("Profile '" + profile + "' has no credentials: " + e.getMessage(), e);
        }
    }

    private static AwsCredentials convert(software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        return new AwsCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials instanceof AwsSessionCredentials session ? Optional.of(session.sessionToken())
                        : Optional.empty(), credentials.expirationTime());
    }

    @Override
    public void close() {
        providers.values().forEach(provider -> {
            if (provider instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        });
        stsClients.close();
    }
}
