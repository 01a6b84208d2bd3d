package dev.localecs.plugins.credentials;

import dev.localecs.api.AwsCredentials;
import dev.localecs.api.ConfigView;
import dev.localecs.api.CredentialPurpose;
import dev.localecs.api.CredentialStrategy;
import dev.localecs.api.PluginContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.pf4j.Extension;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * {@code mounted}: an AWS credentials file at {@code credentials.mounted.path} (seed:
 * {@code ECS_ENDPOINT_AWS_CREDS_HOST_PATH}, a file or a folder holding {@code credentials}) or in the docker
 * volume {@code credentials.mounted.volume} (seed: {@code ECS_AWS_CREDS_VOLUME_NAME}, read at the engine's
 * volume folder), profile {@code credentials.mounted.profile}, read with the SDK's credentials-file parser. The file is read again whenever it changes.
 */
@Extension
public final class MountedStrategy implements CredentialStrategy {
    private static final Path VOLUMES = Path.of("/var/lib/docker/volumes");
    private final ConfigView config;
    private Path loadedFrom;
    private FileTime loadedAt;
    private ProfileFile profiles = ProfileFile.aggregator().build();

    /**
     * Creates the strategy.
     *
     * @param context the runtime's services
     */
    public MountedStrategy(PluginContext context) {
        this.config = context.config();
    }

    @Override
    public String name() {
        return "mounted";
    }

    Optional<Path> file() {
        Optional<Path> configured = config.get("credentials.mounted.path").map(Path::of)
                .or(() -> config.get("credentials.mounted.volume").map(volume -> VOLUMES.resolve(volume).resolve("_data")));
        return configured.map(path -> Files.isDirectory(path) ? path.resolve("credentials") : path);
    }

    @Override
    public synchronized Optional<AwsCredentials> credentials(CredentialPurpose purpose) {
        Optional<Path> file = file();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Optional.empty();
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file.get());
            if (!file.get().equals(loadedFrom) || !modified.equals(loadedAt)) {
                Path read = file.get();
                profiles = SdkCalls.call(() -> ProfileFile.builder().content(read)
                        .type(ProfileFile.Type.CREDENTIALS).build());
                loadedFrom = file.get();
                loadedAt = modified;
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<Profile> profile = profiles.profile(config.get("credentials.mounted.profile", "default"));
        Optional<String> key = profile.flatMap(p -> p.property(ProfileProperty.AWS_ACCESS_KEY_ID));
        Optional<String> secret = profile.flatMap(p -> p.property(ProfileProperty.AWS_SECRET_ACCESS_KEY));
        if (key.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentials(key.get(), secret.get(),
                profile.flatMap(p -> p.property(ProfileProperty.AWS_SESSION_TOKEN)), Optional.empty()));
    }

    @Override
    public Optional<String> misconfiguration(CredentialPurpose purpose) {
        Optional<Path> file = file();
        if (file.isEmpty()) {
            return Optional.of("neither credentials.mounted.path (ECS_ENDPOINT_AWS_CREDS_HOST_PATH) nor "
                    + "credentials.mounted.volume (ECS_AWS_CREDS_VOLUME_NAME) is set.");
        }
        if (!Files.isRegularFile(file.get())) {
            return Optional.of("the credentials file " + file.get() + " does not exist.");
        }
        return credentials(purpose).isPresent() ? Optional.empty() : Optional.of("profile '"
                + config.get("credentials.mounted.profile", "default") + "' of " + file.get()
                + " has no aws_access_key_id/aws_secret_access_key.");
    }
}
