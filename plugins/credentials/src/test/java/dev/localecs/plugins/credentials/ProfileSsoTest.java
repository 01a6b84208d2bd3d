package dev.localecs.plugins.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.testing.FakePluginContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile strategy on the SDK's IAM Identity Center support, against a stand-in of the SSO portal: the
 * token cache {@code aws sso login} writes (under the test process's {@code $HOME}, set by the build), both
 * profile forms, the endpoint from {@code AWS_ENDPOINT_URL_SSO} or the profile's {@code [services]} section,
 * role chains on SSO, an expired login, and {@code credential_source}.
 */
class ProfileSsoTest {
    private static final String TOKEN = "cached-access-token";
    @TempDir
    Path home;
    private final String session = "s-" + UUID.randomUUID();
    private final String startUrl = "https://" + session + ".awsapps.com/start";
    private SsoPortalStandIn portal;
    private Path cachedToken;

    @BeforeEach
    void portal() throws Exception {
        portal = new SsoPortalStandIn(TOKEN, "ASIASSODEV");
    }

    @AfterEach
    void cleanUp() throws Exception {
        portal.close();
        if (cachedToken != null) {
            Files.deleteIfExists(cachedToken);
        }
    }

    /** Writes the token cache file as {@code aws sso login} does, keyed by the SHA-1 of the session or URL. */
    private void cacheToken(String key, Instant expiresAt) throws Exception {
        Path cache = Files.createDirectories(Path.of(System.getenv("HOME"), ".aws", "sso", "cache"));
        cachedToken = cache.resolve(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(key.getBytes(StandardCharsets.UTF_8))) + ".json");
        Files.writeString(cachedToken, """
                {"startUrl": "%s", "region": "us-east-1", "accessToken": "%s", "expiresAt": "%s"}"""
                .formatted(startUrl, TOKEN, expiresAt.truncatedTo(ChronoUnit.SECONDS)));
    }

    private void config(String text) throws Exception {
        Files.writeString(Files.createDirectories(home.resolve(".aws")).resolve("config"), text);
    }

    private String ssoSessionProfiles() {
        return """
                [profile dev]
                sso_session = %s
                sso_account_id = 111122223333
                sso_role_name = Developer
                region = eu-west-1
                [sso-session %s]
                sso_region = us-east-1
                sso_start_url = %s
                sso_registration_scopes = sso:account:access
                [profile chained]
                role_arn = arn:aws:iam::111122223333:role/deploy
                source_profile = dev
                """.formatted(session, session, startUrl);
    }

    @Test
    void anSsoSessionProfileUsesTheCachedTokenAtThePortalAndChainsRoles() throws Exception {
        config(ssoSessionProfiles());
        cacheToken(session, Instant.now().plusSeconds(3600));
        FakePluginContext context = FakeContext.of(Map.of(), Map.of("HOME", home.toString(),
                "AWS_PROFILE", "dev", "ECS_ENDPOINT_AWS_PROFILE", "chained",
                "AWS_ENDPOINT_URL_SSO", portal.endpoint().toString()));
        ProfileStrategy profile = new ProfileStrategy(context);

        assertThat(profile.misconfiguration(CredentialPurpose.API)).isEmpty();
        AwsCredentials sso = profile.credentials(CredentialPurpose.API).orElseThrow();
        assertThat(sso.accessKeyId()).isEqualTo("ASIASSODEV");
        assertThat(sso.sessionToken()).hasValue("sso-session-token");
        assertThat(portal.calls).singleElement().satisfies(call -> {
            assertThat(call.token()).isEqualTo(TOKEN);
            assertThat(call.query()).contains("role_name=Developer").contains("account_id=111122223333");
        });

        assertThat(profile.credentials(CredentialPurpose.ENDPOINT)).map(AwsCredentials::accessKeyId)
                .hasValue("ASIADEPLOY");
        assertThat(context.assumedRoles()).containsExactly("ASIASSODEV->arn:aws:iam::111122223333:role/deploy");
        assertThat(portal.calls).as("the SDK keeps SSO credentials until shortly before they expire").hasSize(1);
        assertThat(profile.problem(CredentialPurpose.ENDPOINT)).isEmpty();
    }

    @Test
    void theLegacyStartUrlFormAndAServicesSectionEndpointWork() throws Exception {
        config("""
                [profile legacy]
                sso_start_url = %s
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = Developer
                services = local-portal
                [services local-portal]
                sso =
                  endpoint_url = %s
                """.formatted(startUrl, portal.endpoint()));
        cacheToken(startUrl, Instant.now().plusSeconds(3600));
        ProfileStrategy profile = new ProfileStrategy(FakeContext.of(Map.of("credentials.profile.name", "legacy"),
                Map.of("HOME", home.toString())));

        assertThat(profile.credentials(CredentialPurpose.API)).map(AwsCredentials::accessKeyId).hasValue("ASIASSODEV");
        assertThat(portal.calls).singleElement().extracting(SsoPortalStandIn.Call::token).isEqualTo(TOKEN);
    }

    @Test
    void anExpiredLoginNamesTheProfileAndTheCommandInTheErrorTheLogAndTheProblem() throws Exception {
        config(ssoSessionProfiles());
        cacheToken(session, Instant.now().minusSeconds(600));
        ProfileStrategy profile = new ProfileStrategy(FakeContext.of(Map.of(), Map.of("HOME", home.toString(),
                "ECS_ENDPOINT_AWS_PROFILE", "chained", "AWS_ENDPOINT_URL_SSO", portal.endpoint().toString())));
        StringBuilder log = new StringBuilder();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                log.append(record.getLevel()).append(' ').append(record.getMessage()).append('\n');
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ProfileStrategy.class.getName());
        logger.addHandler(handler);
        try {
            assertThat(profile.misconfiguration(CredentialPurpose.ENDPOINT)).as("the start is not refused").isEmpty();
            assertThatThrownBy(() -> profile.credentials(CredentialPurpose.ENDPOINT))
                    .isInstanceOf(LoginExpiredException.class)
                    .hasMessageContaining("profile 'dev'")
                    .hasMessageContaining("the source of profile 'chained'")
                    .hasMessageContaining("aws sso login --profile dev");
            assertThat(profile.problem(CredentialPurpose.ENDPOINT)).hasValueSatisfying(problem ->
                    assertThat(problem).contains("aws sso login --profile dev"));
            assertThat(log.toString()).as("logged once, not per request")
                    .containsOnlyOnce("WARNING").contains("aws sso login --profile dev");
            assertThat(portal.calls).as("an expired token is not sent").isEmpty();
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void aTokenThePortalRefusesAlsoAsksForALogin() throws Exception {
        config(ssoSessionProfiles());
        cacheToken(session, Instant.now().plusSeconds(3600));
        try (SsoPortalStandIn refusing = new SsoPortalStandIn("another-token", "ASIAOTHER")) {
            ProfileStrategy profile = new ProfileStrategy(FakeContext.of(Map.of("credentials.profile.name", "dev"),
                    Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL_SSO", refusing.endpoint().toString())));
            assertThat(profile.problem(CredentialPurpose.API)).hasValueSatisfying(problem ->
                    assertThat(problem).contains("aws sso login --profile dev"));
            assertThat(refusing.calls).isNotEmpty();
        }
    }

    @Test
    void aCredentialSourceRoleIsAssumedWithTheEnvironmentsKeys() throws Exception {
        config("""
                [profile from-env]
                role_arn = arn:aws:iam::111122223333:role/ci
                credential_source = Environment
                role_session_name = build-42
                """);
        FakePluginContext context = FakeContext.of(Map.of("credentials.profile.name", "from-env"), Map.of(
                "HOME", home.toString(), "AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "env-secret"));
        assertThat(new ProfileStrategy(context).credentials(CredentialPurpose.API)).map(AwsCredentials::accessKeyId)
                .hasValue("ASIACI");
        assertThat(context.assumedRoles()).containsExactly("AKIDENV->arn:aws:iam::111122223333:role/ci");
    }

    @Test
    void theFullFileGrammarIsReadAndEditsAreSeen() throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("credentials"), """
                [grammar]
                aws_access_key_id = AKIDFIRST ; a trailing comment
                aws_secret_access_key = first-secret
                """);
        ProfileStrategy profile = new ProfileStrategy(FakeContext.of(Map.of("credentials.profile.name", "grammar"),
                Map.of("HOME", home.toString())));
        assertThat(profile.credentials(CredentialPurpose.API)).map(AwsCredentials::accessKeyId).hasValue("AKIDFIRST");

        Files.writeString(aws.resolve("credentials"), """
                # edited
                [grammar]
                aws_access_key_id = AKIDSECONDKEY
                aws_secret_access_key = second-secret
                """);
        Files.setLastModifiedTime(aws.resolve("credentials"),
                FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(profile.credentials(CredentialPurpose.API)).map(AwsCredentials::accessKeyId)
                .hasValue("AKIDSECONDKEY");
    }

    @Test
    void aFileTheSdkCannotParseIsReportedAsAMisconfiguration() throws Exception {
        config("[profile broken\naws_access_key_id = AKIDX\n");
        assertThat(new ProfileStrategy(FakeContext.of(Map.of("credentials.profile.name", "broken"),
                Map.of("HOME", home.toString()))).misconfiguration(CredentialPurpose.API))
                .hasValueSatisfying(m -> assertThat(m).contains("cannot be read").contains("config"));
    }

    @Test
    void ssoCredentialsAreFetchedAgainBeforeTheyExpire() throws Exception {
        config(ssoSessionProfiles());
        cacheToken(session, Instant.now().plusSeconds(3600));
        try (SsoPortalStandIn shortLived = new SsoPortalStandIn(TOKEN, "ASIASHORT", Duration.ofMinutes(2))) {
            ProfileStrategy profile = new ProfileStrategy(FakeContext.of(Map.of("credentials.profile.name", "dev"),
                    Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL_SSO", shortLived.endpoint().toString())));
            profile.credentials(CredentialPurpose.API).orElseThrow();
            profile.credentials(CredentialPurpose.API).orElseThrow();
            assertThat(shortLived.calls).as("credentials two minutes from expiry are renewed, not handed out")
                    .hasSize(2);
        }
    }

    @Test
    void theFilesNamedByTheEnvironmentAreReadWithSubPropertiesAndTheCredentialsFileWinning() throws Exception {
        Path config = home.resolve("custom-config");
        Path credentials = home.resolve("custom-credentials");
        Files.writeString(config, """
                [default]
                region = eu-west-1
                s3 =
                  max_concurrent_requests = 20
                [profile team]
                aws_access_key_id = AKIDFROMCONFIG
                aws_secret_access_key = config-secret
                """);
        Files.writeString(credentials, """
                [team]
                aws_access_key_id = AKIDFROMCREDENTIALS
                aws_secret_access_key = credentials-secret
                """);
        ProfileStrategy profile = new ProfileStrategy(FakeContext.of(Map.of(), Map.of("HOME", home.toString(),
                "AWS_PROFILE", "team", "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString())));
        assertThat(profile.credentials(CredentialPurpose.API)).map(AwsCredentials::accessKeyId)
                .hasValue("AKIDFROMCREDENTIALS");
        assertThat(profile.credentials(CredentialPurpose.API).orElseThrow().secretAccessKey())
                .isEqualTo("credentials-secret");
    }

    @Test
    void aNewLoginIsPickedUpWithoutARestart() throws Exception {
        config(ssoSessionProfiles());
        cacheToken(session, Instant.now().minusSeconds(60));
        ProfileStrategy profile = new ProfileStrategy(FakeContext.of(Map.of("credentials.profile.name", "dev"),
                Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL_SSO", portal.endpoint().toString())));
        assertThat(profile.problem(CredentialPurpose.API)).isPresent();

        cacheToken(session, Instant.now().plusSeconds(3600));
        assertThat(profile.problem(CredentialPurpose.API)).as("after aws sso login").isEmpty();
        assertThat(profile.credentials(CredentialPurpose.API)).map(AwsCredentials::accessKeyId).hasValue("ASIASSODEV");
    }

    @Test
    void aLegacyProfileNeverLoggedInAsksForALogin() throws Exception {
        config("""
                [profile never]
                sso_start_url = %s
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = Developer
                """.formatted(startUrl));
        ProfileStrategy profile = new ProfileStrategy(FakeContext.of(Map.of("credentials.profile.name", "never"),
                Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL_SSO", portal.endpoint().toString())));
        assertThatThrownBy(() -> profile.credentials(CredentialPurpose.API)).isInstanceOf(LoginExpiredException.class)
                .hasMessageContaining("aws sso login --profile never");
        assertThat(portal.calls).isEmpty();
    }
}
