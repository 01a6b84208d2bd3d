package dev.localecs.plugins.daemons;

import dev.localecs.api.ClusterRef;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Daemon ARNs, ids and names as ECS forms them, and the lookups and errors the actions share. */
final class DaemonRefs {
    private static final Pattern DAEMON_ARN = Pattern.compile("arn:aws[a-z-]*:ecs:[^:]*:[^:]*:daemon/([^:/]+)/([^:/]+)");
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DaemonRefs() {
    }

    static String prefix(PluginContext context) {
        return "arn:aws:ecs:" + context.arns().region() + ":" + context.arns().accountId() + ":";
    }

    static String daemonArn(PluginContext context, String cluster, String name) {
        return prefix(context) + "daemon/" + cluster + "/" + name;
    }

    static String deploymentArn(PluginContext context, String cluster, String name, String id) {
        return prefix(context) + "daemon-deployment/" + cluster + "/" + name + "/" + id;
    }

    static String revisionArn(PluginContext context, String cluster, String name) {
        return prefix(context) + "daemon-revision/" + cluster + "/" + name + "/" + UUID.randomUUID();
    }

    static String definitionArn(PluginContext context, String family, int revision) {
        return prefix(context) + "daemon-task-definition/" + family + ":" + revision;
    }

    /** A deployment id: 21 letters and digits, as ECS writes them. */
    static String deploymentId() {
        StringBuilder id = new StringBuilder(21);
        for (int i = 0; i < 21; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** The ACTIVE cluster a name or ARN names ({@code default} when absent), or {@code ClusterNotFoundException}. */
    static String cluster(PluginContext context, String reference) {
        return context.clusters().active(ClusterRef.parse(reference).name()).clusterName();
    }

    static void validateName(String name) {
        if (!TaskDefinitionRef.NAME.matcher(name).matches()) {
            throw EcsException.invalidParameter("Invalid daemon name '" + name + "'. Up to 255 letters (uppercase "
                    + "and lowercase), numbers, underscores, and hyphens are allowed.");
        }
    }

    /** The store key ({@code <cluster>/<name>}) of a daemon ARN, or {@code InvalidParameterException}. */
    static String key(String daemonArn) {
        Matcher matcher = DAEMON_ARN.matcher(daemonArn);
        if (!matcher.matches()) {
            throw EcsException.invalidParameter("Invalid daemon ARN '" + daemonArn + "'. Expected "
                    + "arn:aws:ecs:<region>:<account>:daemon/<cluster>/<daemon-name>.");
        }
        return matcher.group(1) + "/" + matcher.group(2);
    }

    /** The daemon an ARN names, or {@code DaemonNotFoundException}. */
    static StoredDaemon existing(DaemonStore store, String daemonArn) {
        return store.daemon(key(daemonArn)).orElseThrow(DaemonRefs::notFound);
    }

    /** An ACTIVE daemon, else {@code DaemonNotFoundException} / {@code DaemonNotActiveException}. */
    static StoredDaemon active(StoredDaemon daemon) {
        if (!"ACTIVE".equals(daemon.status())) {
            throw new EcsException(ErrorCode.DAEMON_NOT_ACTIVE, "The specified daemon isn't active. You can't "
                    + "update or delete a daemon that is being deleted.");
        }
        return daemon;
    }

    static EcsException notFound() {
        return new EcsException(ErrorCode.DAEMON_NOT_FOUND, "The specified daemon wasn't found.");
    }

    static double now(PluginContext context) {
        return context.clock().instant().toEpochMilli() / 1000.0;
    }
}
