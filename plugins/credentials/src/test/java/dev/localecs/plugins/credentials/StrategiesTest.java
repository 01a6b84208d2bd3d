package dev.localecs.plugins.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.testing.FakePluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategiesTest {
    @TempDir
    Path dir;

    @Test
    void envReadsTheSeedsEndpointVariablesFirstForTheEndpoint() {
        EnvStrategy env = new EnvStrategy(FakeContext.of(Map.of(), Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDAPI", "AWS_SECRET_ACCESS_KEY", "api-secret", "AWS_SESSION_TOKEN", "tok",
                "ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDEP", "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "ep-secret")));

        assertThat(env.credentials(CredentialPurpose.API)).map(AwsCredentials::accessKeyId).hasValue("AKIDAPI");
        assertThat(env.credentials(CredentialPurpose.API).orElseThrow().sessionToken()).hasValue("tok");
        assertThat(env.credentials(CredentialPurpose.ENDPOINT)).map(AwsCredentials::accessKeyId).hasValue("AKIDEP");
        assertThat(env.misconfiguration(CredentialPurpose.ENDPOINT)).isEmpty();
        assertThat(new EnvStrategy(FakeContext.of(Map.of(), Map.of())).misconfiguration(CredentialPurpose.API))
                .hasValueSatisfying(m -> assertThat(m).contains("AWS_ACCESS_KEY_ID"));
    }

    @Test
    void staticVendsItsFixedCredentialsDirectlyAndNamesWhatIsMissing() {
        StaticStrategy fixed = new StaticStrategy(FakeContext.of(Map.of("credentials.static.access-key-id", "AKIDFIX",
                "credentials.static.secret-access-key", "fixed-secret"), Map.of()));
        assertThat(fixed.vendsDirectly()).isTrue();
        assertThat(fixed.credentials(CredentialPurpose.ENDPOINT)).map(AwsCredentials::accessKeyId).hasValue("AKIDFIX");
        assertThat(fixed.misconfiguration(CredentialPurpose.ENDPOINT)).isEmpty();

        StaticStrategy empty = new StaticStrategy(FakeContext.of(Map.of(), Map.of()));
        assertThat(empty.credentials(CredentialPurpose.ENDPOINT)).isEmpty();
        assertThat(empty.misconfiguration(CredentialPurpose.ENDPOINT)).hasValueSatisfying(m ->
                assertThat(m).contains("credentials.static.access-key-id"));
    }

    @Test
    void mountedRereadsTheFileWhenItIsReplaced() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "[default]\naws_access_key_id = AKIDONE\naws_secret_access_key = one\n"
                + "[profile other]\naws_access_key_id=AKIDOTHER\naws_secret_access_key=x\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        MountedStrategy mounted = new MountedStrategy(FakeContext.of(Map.of("credentials.mounted.path",
                dir.toString()), Map.of()));
        assertThat(mounted.credentials(CredentialPurpose.ENDPOINT)).map(AwsCredentials::accessKeyId).hasValue("AKIDONE");

        Path replacement = dir.resolve("credentials.new");
        Files.writeString(replacement, "[default]\naws_access_key_id = AKIDTWO\naws_secret_access_key = two\n"
                + "aws_session_token = t2\n");
        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:05:00Z")));

        AwsCredentials after = mounted.credentials(CredentialPurpose.ENDPOINT).orElseThrow();
        assertThat(after.accessKeyId()).isEqualTo("AKIDTWO");
        assertThat(after.sessionToken()).hasValue("t2");
        assertThat(new MountedStrategy(FakeContext.of(Map.of("credentials.mounted.path", file.toString(),
                "credentials.mounted.profile", "other"), Map.of())).credentials(CredentialPurpose.API))
                .as("the replacing file has no other profile").isEmpty();
        assertThat(new MountedStrategy(FakeContext.of(Map.of(), Map.of())).misconfiguration(CredentialPurpose.API))
                .hasValueSatisfying(m -> assertThat(m).contains("ECS_ENDPOINT_AWS_CREDS_HOST_PATH"));
    }

    @Test
    void profileFollowsSourceProfileChainsAndRunsCredentialProcessOnce() throws Exception {
        Path aws = Files.createDirectories(dir.resolve(".aws"));
        Path counter = dir.resolve("runs");
        Files.writeString(aws.resolve("config"), """
                [profile base]
                credential_process = sh -c 'echo run >> %s; echo "{\\"Version\\":1,\\"AccessKeyId\\":\\"AKIDPROC\\",\\"SecretAccessKey\\":\\"p\\",\\"Expiration\\":\\"2099-01-01T00:00:00Z\\"}"'
                [profile chained]
                role_arn = arn:aws:iam::123456789012:role/chained
                source_profile = base
                [profile loop]
                role_arn = arn:aws:iam::123456789012:role/loop
                source_profile = loop
                """.formatted(counter));
        Files.writeString(aws.resolve("credentials"), "[plain]\naws_access_key_id = AKIDPLAIN\naws_secret_access_key = x\n");
        FakePluginContext context = FakeContext.of(Map.of(), Map.of("HOME", dir.toString(),
                "ECS_ENDPOINT_AWS_PROFILE", "chained", "AWS_PROFILE", "plain"));
        ProfileStrategy profile = new ProfileStrategy(context);

        assertThat(profile.credentials(CredentialPurpose.API)).map(AwsCredentials::accessKeyId).hasValue("AKIDPLAIN");
        AwsCredentials chained = profile.credentials(CredentialPurpose.ENDPOINT).orElseThrow();
        assertThat(chained.accessKeyId()).isEqualTo("ASIACHAINED");
        assertThat(context.assumedRoles()).containsExactly("AKIDPROC->arn:aws:iam::123456789012:role/chained");
        profile.credentials(CredentialPurpose.ENDPOINT);
        assertThat(context.assumedRoles()).as("cached until shortly before expiry").hasSize(1);
        assertThat(Files.readAllLines(counter)).as("credential_process ran once").hasSize(1);

        ProfileStrategy loop = new ProfileStrategy(FakeContext.of(Map.of("credentials.profile.name", "loop"),
                Map.of("HOME", dir.toString())));
        assertThat(loop.credentials(CredentialPurpose.API)).as("a source_profile cycle has no credentials").isEmpty();
        assertThat(new ProfileStrategy(FakeContext.of(Map.of("credentials.profile.name", "missing"),
                Map.of("HOME", dir.toString()))).misconfiguration(CredentialPurpose.API))
                .hasValueSatisfying(m -> assertThat(m).contains("profile 'missing'"));
    }
}
