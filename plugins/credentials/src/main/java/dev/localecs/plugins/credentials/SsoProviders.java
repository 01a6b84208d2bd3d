package dev.localecs.plugins.credentials;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileProviderCredentialsContext;
import software.amazon.awssdk.auth.token.credentials.SdkTokenProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.auth.SsoProfileCredentialsProviderFactory;
import software.amazon.awssdk.services.sso.internal.SsoAccessTokenProvider;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcTokenProvider;
import software.amazon.awssdk.utils.UserHomeDirectoryUtils;

/**
 * IAM Identity Center profiles through the SDK: {@link SsoProfileCredentialsProviderFactory} with the token
 * {@code aws sso login} cached under {@code $HOME/.aws/sso/cache} — for an {@code sso_session} profile the
 * SDK's SSO OIDC token provider (which refreshes the access token with the cached refresh token), for the
 * legacy {@code sso_start_url} form the SDK's cached-token reader. The portal's endpoint is the region's,
 * unless {@code AWS_ENDPOINT_URL_SSO} ({@code AWS_ENDPOINT_URL_SSO_OIDC} for the token refresh; either falls back to
 * {@code AWS_ENDPOINT_URL}) is set in the runtime's environment or the
 * profile names one ({@code endpoint_url}, or a {@code [services …]} section with {@code sso = endpoint_url =
 * …}), as for every SDK client.
 */
final class SsoProviders {
    private static final String SSO_SESSION = "sso_session";
    private final Map<String, String> environment;

    SsoProviders(Map<String, String> environment) {
        this.environment = environment;
    }

    static boolean isSso(Profile profile) {
        return profile.property(SSO_SESSION).isPresent() || profile.property(ProfileProperty.SSO_START_URL).isPresent();
    }

    /**
     * Whether a failure means the user has to log in again: the cached token is missing or expired (and could
     * not be refreshed), or the portal refused it.
     */
    static boolean isLoginFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TokenUnavailableException || cause instanceof UnauthorizedException) {
                return true;
            }
        }
        return false;
    }

    AwsCredentialsProvider provider(Profile profile, ProfileFile file) {
        Optional<String> session = profile.property(SSO_SESSION);
        SdkTokenProvider token = session.isPresent()
                ? SsoOidcTokenProvider.builder().sessionName(session.get()).ssoOidcClient(oidcClient(profile, file))
                        .build()
                : new SsoAccessTokenProvider(cachedTokenFile(profile.property(ProfileProperty.SSO_START_URL).get()));
        SdkTokenProvider reported = () -> {
            try {
                return token.resolveToken();
            } catch (RuntimeException e) {
                throw new TokenUnavailableException(e);
            }
        };
        return new SsoProfileCredentialsProviderFactory().create(ProfileProviderCredentialsContext.builder()
                .profile(profile).profileFile(file).build(), reported, client(profile, file));
    }

    /*
     * Both clients get their HTTP client here: the SDK's default lookup (ServiceLoader) also sees the
     * application's SDK jars through the plugin class loader, whose classes are not this plugin's.
     */
    private SsoClient client(Profile profile, ProfileFile file) {
        var builder = SsoClient.builder()
                .region(Region.of(region(profile, file)))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.defaultProfileFile(file).defaultProfileName(profile.name()));
        endpoint("AWS_ENDPOINT_URL_SSO").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** SSO OIDC, which the SDK calls to refresh an expiring access token with the cached refresh token. */
    private SsoOidcClient oidcClient(Profile profile, ProfileFile file) {
        var builder = SsoOidcClient.builder()
                .region(Region.of(region(profile, file)))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.defaultProfileFile(file).defaultProfileName(profile.name()));
        endpoint("AWS_ENDPOINT_URL_SSO_OIDC").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private Optional<URI> endpoint(String variable) {
        return Optional.ofNullable(environment.get(variable))
                .or(() -> Optional.ofNullable(environment.get("AWS_ENDPOINT_URL")))
                .filter(url -> !url.isBlank()).map(URI::create);
    }

    /** The portal's region: the profile's {@code sso_region}, else its {@code [sso-session]} section's. */
    private static String region(Profile profile, ProfileFile file) {
        return profile.property(ProfileProperty.SSO_REGION)
                .or(() -> profile.property(SSO_SESSION).flatMap(session -> file.getSection("sso-session", session))
                        .flatMap(session -> session.property(ProfileProperty.SSO_REGION)))
                .orElseThrow(() -> new IllegalArgumentException("profile '" + profile.name() + "' has no sso_region"));
    }

    /** Where the CLI caches a legacy login's token: the SHA-1 of the start URL, as the SDK looks it up. */
    private static Path cachedTokenFile(String startUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(startUrl.getBytes(StandardCharsets.UTF_8));
            return Path.of(UserHomeDirectoryUtils.userHomeDirectory(), ".aws", "sso", "cache",
                    HexFormat.of().formatHex(digest) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** The cached SSO token could not be read, was expired or could not be refreshed. */
    static final class TokenUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TokenUnavailableException(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
