package dev.localecs.runtime.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine contract's container scripts ({@link TaskEngineContract}) as busybox commands, for an engine that runs
 * real processes (Docker, a real kubelet): {@code exit:N@t} sleeps then exits, {@code oom@t} fills memory past the
 * container's limit, {@code healthy@t} creates the file the health check looks for, {@code pull-fail} names an image
 * no registry has; every container exits 0 on SIGTERM.
 *
 * @param image the busybox image the containers run
 * @param unpullable the image {@code pull-fail} names
 */
public record RealCommands(String image, String unpullable) {

    /**
     * One container definition's JSON, as {@link TaskEngineContract#container} makes it.
     *
     * @param name the container name
     * @param essential whether it is essential
     * @param script its script, or null to run until stopped
     * @param extra more JSON members, each with a leading comma
     * @return the JSON
     */
    public String container(String name, boolean essential, String script, String extra) {
        String image = this.image;
        List<String> steps = new ArrayList<>(List.of("trap 'exit 0' TERM"));
        String health = extra;
        boolean ends = false;
        if (script != null) {
            for (String step : script.split(";")) {
                String[] parts = step.trim().split("@");
                String delay = parts.length > 1 ? seconds(parts[1]) : "0";
                if (parts[0].equals("pull-fail")) {
                    image = unpullable;
                } else if (parts[0].startsWith("exit:")) {
                    steps.add("sleep " + delay + "; exit " + parts[0].substring(5));
                    ends = true;
                } else if (parts[0].equals("oom")) {
                    steps.add("sleep " + delay + "; tail /dev/zero");
                    ends = true;
                } else if (parts[0].equals("healthy")) {
                    steps.add("(sleep " + delay + "; touch /tmp/healthy) &");
                    health = extra.replace("[\\\"CMD\\\",\\\"true\\\"]", "[\\\"CMD-SHELL\\\",\\\"test -f /tmp/healthy\\\"]")
                            .replace("[\"CMD\",\"true\"]", "[\"CMD-SHELL\",\"test -f /tmp/healthy\"]")
                            .replace("\"healthCheck\":{", "\"healthCheck\":{\"interval\":5,");
                }
            }
        }
        if (!ends) {
            steps.add("sleep 3600 & wait");
        }
        String command = String.join("; ", steps).replace("; (", "; (").replace("&;", "&");
        return "{\"name\":\"" + name + "\",\"image\":\"" + image + "\",\"essential\":" + essential
                + ",\"command\":[\"sh\",\"-c\",\"" + command.replace("\"", "\\\"") + "\"]" + health + "}";
    }

    private static String seconds(String duration) {
        if (duration.endsWith("ms")) {
            return String.valueOf(Long.parseLong(duration.substring(0, duration.length() - 2)) / 1000.0);
        }
        return duration.substring(0, duration.length() - 1);
    }
}
