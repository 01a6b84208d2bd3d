package dev.localecs.runtime.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI for test set-up and clean-up (what the runtime is tested against is docker-java). */
final class Docker {
    private Docker() {
    }

    /**
     * Runs a docker command.
     *
     * @param args the arguments after {@code docker}
     * @return its output lines
     * @throws Exception when it fails or takes over two minutes
     */
    static List<String> run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    /** Removes every container and network carrying a label ({@code key=value}). */
    static void removeByLabel(String label) throws Exception {
        List<String> containers = run("ps", "-aq", "--filter", "label=" + label);
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(containers);
            run(rm.toArray(String[]::new));
        }
        List<String> networks = run("network", "ls", "-q", "--filter", "label=" + label);
        for (String network : networks) {
            run("network", "rm", network);
        }
    }

    /** The values of one label on the containers carrying another ({@code key=value}). */
    static List<String> labelValues(String filter, String label) throws Exception {
        return run("ps", "-a", "--filter", "label=" + filter, "--format", "{{.Label \"" + label + "\"}}");
    }
}
