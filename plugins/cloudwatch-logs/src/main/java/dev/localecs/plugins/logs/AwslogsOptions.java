package dev.localecs.plugins.logs;

import dev.localecs.api.ContainerLogSource;
import dev.localecs.api.error.LogDriverException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A container's {@code awslogs} options, checked as Docker's awslogs driver checks them when the container
 * starts.
 *
 * @param group {@code awslogs-group}
 * @param streamPrefix {@code awslogs-stream-prefix}
 * @param region {@code awslogs-region}
 * @param createGroup {@code awslogs-create-group: "true"}: a missing group is made
 * @param multiline the pattern a new event's first line matches ({@code awslogs-multiline-pattern}, or
 *     {@code awslogs-datetime-format} converted); empty: every line is an event
 * @param endpoint {@code awslogs-endpoint}: the CloudWatch Logs endpoint this container's events go to upstream
 * @param format {@code awslogs-format}: {@code json/emf}, sent as the {@code x-amzn-logs-format} header upstream
 */
record AwslogsOptions(String group, Optional<String> streamPrefix, Optional<String> region, boolean createGroup,
                      Optional<Pattern> multiline, Optional<URI> endpoint, Optional<String> format) {
    static final String DRIVER = "awslogs";
    /** The only {@code awslogs-format} Docker's driver takes. */
    static final String JSON_EMF = "json/emf";
    private static final Set<String> KNOWN = Set.of("awslogs-group", "awslogs-stream-prefix", "awslogs-region",
            "awslogs-create-group", "awslogs-datetime-format", "awslogs-multiline-pattern", "awslogs-endpoint",
            "awslogs-credentials-endpoint", "awslogs-force-flush-interval-seconds", "awslogs-max-buffered-events",
            "awslogs-format", "awslogs-create-stream", "mode", "max-buffer-size", "tag");

    /**
     * Reads the options.
     *
     * @param options the definition's {@code logConfiguration.options}
     * @return the options
     * @throws LogDriverException in Docker's words, for an option it refuses
     */
    static AwslogsOptions of(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new LogDriverException("unknown log opt '" + key + "' for awslogs log driver");
            }
        }
        String group = options.get("awslogs-group");
        if (group == null || group.isBlank()) {
            throw new LogDriverException("must specify a value for log opt 'awslogs-group'");
        }
        String datetime = options.get("awslogs-datetime-format");
        String pattern = options.get("awslogs-multiline-pattern");
        if (datetime != null && pattern != null) {
            throw new LogDriverException("you cannot configure log opt 'awslogs-datetime-format' and "
                    + "'awslogs-multiline-pattern' at the same time");
        }
        String create = options.getOrDefault("awslogs-create-group", "false");
        if (!create.equalsIgnoreCase("true") && !create.equalsIgnoreCase("false")) {
            throw new LogDriverException("must specify valid value for log opt 'awslogs-create-group': " + create);
        }
        String mode = options.getOrDefault("mode", "blocking");
        if (!mode.equals("blocking") && !mode.equals("non-blocking")) {
            throw new LogDriverException("logger: unknown mode: " + mode);
        }
        Optional<Pattern> multiline;
        try {
            multiline = datetime != null ? Optional.of(DatetimeFormat.toPattern(datetime))
                    : Optional.ofNullable(pattern).map(Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new LogDriverException("awslogs could not parse multiline pattern key "
                    + (datetime != null ? "'awslogs-datetime-format'" : "'awslogs-multiline-pattern'") + ": "
                    + e.getDescription(), e);
        }
        Optional<String> format = Optional.ofNullable(options.get("awslogs-format")).filter(f -> !f.isEmpty());
        if (format.isPresent()) {
            if (!format.get().equals(JSON_EMF)) {
                throw new LogDriverException("unsupported log format '" + format.get() + "'");
            }
            if (datetime != null || pattern != null) {
                throw new LogDriverException("you cannot configure log opt 'awslogs-datetime-format' or "
                        + "'awslogs-multiline-pattern' when log opt 'awslogs-format' is set to '" + JSON_EMF + "'");
            }
        }
        return new AwslogsOptions(group, Optional.ofNullable(options.get("awslogs-stream-prefix"))
                .filter(p -> !p.isEmpty()), Optional.ofNullable(options.get("awslogs-region")),
                create.equalsIgnoreCase("true"), multiline, Optional.ofNullable(options.get("awslogs-endpoint"))
                .filter(e -> !e.isEmpty()).map(AwslogsOptions::endpoint), format);
    }

    /**
     * Docker's driver takes the endpoint as the SDK's base endpoint, and its first call, CreateLogStream, fails
     * when that is not a URL it can send to: the container does not start.
     */
    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new LogDriverException("failed to create Cloudwatch log stream: invalid log opt 'awslogs-endpoint' '"
                + value + "': not an http or https URL");
    }

    /**
     * The container's stream, named as ECS names it.
     *
     * @param source the container
     * @return {@code <prefix>/<container-name>/<task-id>}, or the Docker container id without a prefix
     */
    String stream(ContainerLogSource source) {
        return streamPrefix.map(prefix -> prefix + "/" + source.containerName() + "/" + source.taskId())
                .orElse(source.containerId());
    }
}
