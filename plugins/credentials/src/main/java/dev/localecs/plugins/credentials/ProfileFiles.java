package dev.localecs.plugins.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The shared config and credentials files a profile is read from, loaded with the SDK's own parser
 * ({@link ProfileFile}: sub-properties, {@code [profile …]}/{@code [sso-session …]}/{@code [services …]}
 * sections, continuation lines). {@link #version()} changes whenever either file does, so a strategy can
 * rebuild its providers after the user edits a file or runs {@code aws configure}.
 *
 * @param config the config file ({@code ~/.aws/config})
 * @param credentials the credentials file ({@code ~/.aws/credentials})
 */
record ProfileFiles(Path config, Path credentials) {

    /**
     * Reads both files that exist; the credentials file wins for a profile present in both, as in the CLI.
     *
     * @return the merged profiles
     */
    ProfileFile load() {
        // the aggregator gives the file added first precedence, as the SDK's default profile file does
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        if (Files.isRegularFile(credentials)) {
            files.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
        }
        if (Files.isRegularFile(config)) {
            files.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
        }
        return files.build();
    }

    /**
     * What identifies the files' current contents: their modification times and sizes.
     *
     * @return a value that differs once either file changed
     */
    List<Object> version() {
        List<Object> version = new ArrayList<>();
        for (Path file : List.of(config, credentials)) {
            try {
                version.add(Files.isRegularFile(file) ? Files.getLastModifiedTime(file) + "/" + Files.size(file) : "-");
            } catch (IOException e) {
                version.add("unreadable");
            }
        }
        return version;
    }

    @Override
    public String toString() {
        return config + " or " + credentials;
    }
}
