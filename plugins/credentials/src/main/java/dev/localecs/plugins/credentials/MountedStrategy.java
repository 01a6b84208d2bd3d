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
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code mounted}: an AWS credentials file at {@code credentials.mounted.path} (seed:
 * {@code ECS_ENDPOINT_AWS_CREDS_HOST_PATH}, a file or a folder holding {@code credentials}) or in the docker
 * volume {@code credentials.mounted.volume} (seed: {@code ECS_AWS_CREDS_VOLUME_NAME}, read at the engine's
 * volume folder), profile {@code credentials.mounted.profile}. The file is read again whenever it changes.
 */
@Extension
public final class MountedStrategy implements CredentialStrategy {
    private static final Path VOLUMES = Path.of("/var/lib/docker/volumes");
    private final ConfigView config;
    private Path loadedFrom;
    private FileTime loadedAt;
    private Map<String, Map<String, String>> profiles = Map.of();

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
                profiles = IniFiles.parse(Files.readString(file.get()));
                loadedFrom = file.get();
                loadedAt = modified;
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        Map<String, String> profile = profiles.get(config.get("credentials.mounted.profile", "default"));
        if (profile == null || profile.get("aws_access_key_id") == null || profile.get("aws_secret_access_key") == null) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentials(profile.get("aws_access_key_id"), profile.get("aws_secret_access_key"),
                Optional.ofNullable(profile.get("aws_session_token")), Optional.empty()));
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
