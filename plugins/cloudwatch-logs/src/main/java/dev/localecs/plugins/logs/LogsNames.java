package dev.localecs.plugins.logs;

import dev.localecs.api.EcsArns;
import java.util.Optional;
import java.util.regex.Pattern;

/** Log group and stream names, identifiers and ARNs, with CloudWatch's constraints. */
final class LogsNames {
    private static final Pattern GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]+");
    private static final Pattern STREAM = Pattern.compile("[^:*]*");

    private LogsNames() {
    }

    static String group(String name, String member) {
        if (name == null) {
            throw LogsErrors.missing(member);
        }
        if (name.isEmpty() || name.length() > 512) {
            throw LogsErrors.constraint(member, name, "have length between 1 and 512");
        }
        if (!GROUP.matcher(name).matches()) {
            throw LogsErrors.constraint(member, name, "satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
        return name;
    }

    static String stream(String name) {
        if (name == null) {
            throw LogsErrors.missing("logStreamName");
        }
        if (name.isEmpty() || name.length() > 512) {
            throw LogsErrors.constraint("logStreamName", name, "have length between 1 and 512");
        }
        if (!STREAM.matcher(name).matches()) {
            throw LogsErrors.constraint("logStreamName", name, "satisfy regular expression pattern: [^:*]*");
        }
        return name;
    }

    /**
     * The group a request names with {@code logGroupName} or {@code logGroupIdentifier} (a name or an ARN).
     *
     * @return the group name
     */
    static String groupOf(String logGroupName, String logGroupIdentifier) {
        if (logGroupName != null && logGroupIdentifier != null) {
            throw LogsErrors.invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (logGroupIdentifier != null) {
            return fromArn(logGroupIdentifier).orElse(logGroupIdentifier);
        }
        return group(logGroupName, "logGroupName");
    }

    /** The group name in {@code arn:aws:logs:<region>:<account>:log-group:<name>[:*]}. */
    static Optional<String> fromArn(String arn) {
        if (!arn.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 7);
        if (parts.length < 7 || !parts[2].equals("logs") || !parts[5].equals("log-group")) {
            return Optional.empty();
        }
        String name = parts[6].endsWith(":*") ? parts[6].substring(0, parts[6].length() - 2) : parts[6];
        return Optional.of(name);
    }

    static String groupArn(EcsArns arns, String group) {
        return "arn:aws:logs:" + arns.region() + ":" + arns.accountId() + ":log-group:" + group;
    }

    static String streamArn(EcsArns arns, String group, String stream) {
        return groupArn(arns, group) + ":log-stream:" + stream;
    }
}
