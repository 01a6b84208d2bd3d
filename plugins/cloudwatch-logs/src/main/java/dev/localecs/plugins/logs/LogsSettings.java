package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.PluginContext;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.api.state.StateFolder;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded CloudWatch Logs settings, read once.
 *
 * @param dir where the logs are kept: {@code state.dir/logs}
 * @param maxStoredBytes the size bound over every event (CloudWatch's count: message bytes + 26 each); past it the
 *     oldest events are dropped
 * @param flushInterval how often changes are written to disk
 * @param sweepInterval how often events past their group's retention are deleted
 */
record LogsSettings(Path dir, long maxStoredBytes, Duration flushInterval, Duration sweepInterval) {
    /** The configuration key of the size bound, in MiB. */
    static final String MAX_STORED_KEY = "logs.max-stored-mib";

    LogsSettings {
        requireNonNull(dir, "dir is null");
        requireNonNull(flushInterval, "flushInterval is null");
        requireNonNull(sweepInterval, "sweepInterval is null");
    }

    /**
     * Reads the settings from the runtime's configuration.
     *
     * @param context the runtime's services
     * @return the settings
     * @throws ConfigurationException when a value is out of range
     */
    static LogsSettings read(PluginContext context) {
        int mib = context.config().getInt(MAX_STORED_KEY, 128);
        if (mib < 1) {
            throw new ConfigurationException(MAX_STORED_KEY + " must be at least 1, not " + mib + ".");
        }
        int flushMillis = context.config().getInt("logs.flush-interval-ms", 1000);
        int sweepSeconds = context.config().getInt("logs.retention-sweep-seconds", 60);
        if (flushMillis < 10 || sweepSeconds < 1) {
            throw new ConfigurationException("logs.flush-interval-ms must be at least 10 and "
                    + "logs.retention-sweep-seconds at least 1.");
        }
        return new LogsSettings(StateFolder.stateDir(context.config().get("state.dir", "state")).resolve("logs"),
                mib * 1024L * 1024L, Duration.ofMillis(flushMillis), Duration.ofSeconds(sweepSeconds));
    }
}
