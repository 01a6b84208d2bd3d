package dev.localecs.runtime.instances;

import dev.localecs.runtime.tasks.EngineHost;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attributes the local engine has as a container instance, named as the ECS agent names them: the OS and
 * architecture, the Docker remote API versions and log drivers of the engine, and the capabilities the
 * runtime implements for tasks (task roles and the credentials endpoint, secrets, environment files,
 * private registries, ECR pulls with the execution role, health checks, container ordering, awsvpc, task
 * CPU and memory limits).
 */
final class InstanceAttributes {
    private static final String LEGACY = "com.amazonaws.ecs.capability.";
    private static final String CAPABILITY = "ecs.capability.";
    private static final int OLDEST_API_MINOR = 17;

    private InstanceAttributes() {
    }

    static Map<String, String> of(EngineHost host) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("ecs.os-type", host.osType());
        attributes.put("ecs.os-family", host.osType().equalsIgnoreCase("windows") ? "WINDOWS" : "LINUX");
        attributes.put("ecs.cpu-architecture", host.architecture());
        attributes.put("ecs.availability-zone", "local-1a");
        attributes.put("ecs.instance-type", "local");
        int newest = apiMinor(host.apiVersion());
        for (int minor = OLDEST_API_MINOR; minor <= newest; minor++) {
            attributes.put(LEGACY + "docker-remote-api.1." + minor, "");
        }
        host.logDrivers().forEach(driver -> attributes.put(LEGACY + "logging-driver." + driver, ""));
        for (String legacy : new String[] {"privileged-container", "task-iam-role", "task-iam-role-network-host",
                "ecr-auth"}) {
            attributes.put(LEGACY + legacy, "");
        }
        for (String capability : new String[] {"execution-role-ecr-pull", "execution-role-awslogs",
                "task-cpu-mem-limit", "task-eni", "container-health-check", "container-ordering",
                "secrets.ssm.environment-variables", "secrets.asm.environment-variables",
                "env-files.s3", "private-registry-authentication.secretsmanager"}) {
            attributes.put(CAPABILITY + capability, "");
        }
        return attributes;
    }

    private static int apiMinor(String apiVersion) {
        try {
            return Integer.parseInt(apiVersion.substring(apiVersion.indexOf('.') + 1));
        } catch (RuntimeException e) {
            return OLDEST_API_MINOR;
        }
    }
}
