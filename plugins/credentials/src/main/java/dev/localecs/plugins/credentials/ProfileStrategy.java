package dev.localecs.plugins.credentials;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.ConfigView;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
import dev.localecs.api.PluginContext;
import dev.localecs.api.StsService;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.pf4j.Extension;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * {@code profile}: a named profile from a (mounted) {@code ~/.aws}, resolved by the AWS SDK's own profile
 * support — static keys, {@code credential_process}, IAM Identity Center ({@code sso_session} or the legacy
 * {@code sso_start_url}, with the token cache {@code aws sso login} wrote), and {@code role_arn} with
 * {@code source_profile}, {@code credential_source} or {@code web_identity_token_file}, assumed at the
 * configured STS endpoint. The name comes from {@code credentials.profile.name}, else
 * {@code ECS_ENDPOINT_AWS_PROFILE} (endpoint) or {@code AWS_PROFILE}; files from
 * {@code credentials.profile.config-file}/{@code credentials-file}, else {@code AWS_CONFIG_FILE}/
 * {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/config} and {@code ~/.aws/credentials}; they are read
 * again when they change. An expired SSO login is reported (log and {@code /health}) with the command to run.
 */
@Extension
public final class ProfileStrategy implements CredentialStrategy {
    private static final Logger LOG = Logger.getLogger(ProfileStrategy.class.getName());

    private final ConfigView config;
    private final Map<String, String> environment;
    private final StsService sts;
    private final Map<CredentialPurpose, String> reported = new ConcurrentHashMap<>();
    private List<Object> loadedVersion;
    private ProfileChain chain;

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

    private ProfileFiles files() {
        return new ProfileFiles(file("credentials.profile.config-file", "AWS_CONFIG_FILE", "config"),
                file("credentials.profile.credentials-file", "AWS_SHARED_CREDENTIALS_FILE", "credentials"));
    }

    /** The profiles of the files as they are now; a new chain (and new SDK providers) once they changed. */
    private synchronized ProfileChain chain() {
        ProfileFiles files = files();
        List<Object> version = List.of(files, files.version());
        if (chain == null || !version.equals(loadedVersion)) {
            if (chain != null) {
                chain.close();
            }
            chain = new ProfileChain(SdkCalls.call(files::load), sts, new SsoProviders(environment),
                    new StsClients(config.get("upstream.sts.endpoint").map(URI::create),
                            config.get("aws.region").orElse("us-east-1")), environment);
            loadedVersion = version;
        }
        return chain;
    }

    @Override
    public Optional<AwsCredentials> credentials(CredentialPurpose purpose) {
        try {
            Optional<AwsCredentials> credentials = chain().credentials(profileName(purpose));
            if (reported.remove(purpose) != null) {
                LOG.info("Credential strategy profile has credentials for " + purpose + " again.");
            }
            return credentials;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.equals(reported.put(purpose, message))) {
                LOG.warning("Credential strategy profile (" + purpose + "): " + message);
            }
            throw e;
        }
    }

    @Override
    public Optional<String> problem(CredentialPurpose purpose) {
        try {
            return credentials(purpose).isPresent() ? Optional.empty()
                    : Optional.of("profile '" + profileName(purpose) + "' has no credentials.");
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public Optional<String> misconfiguration(CredentialPurpose purpose) {
        String name = profileName(purpose);
        ProfileFiles files = files();
        Optional<Profile> profile;
        try {
            profile = chain().file().profile(name);
        } catch (RuntimeException e) {
            return Optional.of("the profile files " + files + " cannot be read: " + e.getMessage());
        }
        if (profile.isEmpty()) {
            return Optional.of("profile '" + name + "' is not in " + files + " (set credentials.profile.name, "
                    + "AWS_PROFILE or ECS_ENDPOINT_AWS_PROFILE, and mount ~/.aws).");
        }
        boolean usable = profile.get().property(ProfileProperty.AWS_ACCESS_KEY_ID).isPresent()
                || profile.get().property(ProfileProperty.CREDENTIAL_PROCESS).isPresent()
                || profile.get().property(ProfileProperty.ROLE_ARN).isPresent() || SsoProviders.isSso(profile.get());
        return usable ? Optional.empty() : Optional.of("profile '" + name + "' has no keys, credential_process, "
                + "IAM Identity Center (sso_session/sso_start_url) or role_arn settings.");
    }
}
