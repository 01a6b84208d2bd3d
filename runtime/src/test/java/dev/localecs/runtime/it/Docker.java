package dev.localecs.runtime.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    /** The engine's flags, exactly as scripts/lib.sh starts it (link-local pools, no forwarding). */
    static final List<String> DOCKERD = List.of("dockerd", "--bip", "169.254.1.1/24", "--default-address-pool",
            "base=169.254.64.0/18,size=24", "--ip-forward=false", "--ip-masq=false");

    /** Whether the engine answers. */
    static boolean engineUp() {
        try {
            Process process = new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Stops the engine (SIGTERM to the pid in /var/run/docker.pid) and waits until it has exited. Exited means
     * gone or a zombie: the dockerd that scripts/test.sh starts is a child of the Maven JVM (the script execs
     * mvn), which never reaps it, so its pid stays taken after it exits.
     */
    static void stopEngine() throws Exception {
        long pid = Long.parseLong(Files.readString(Path.of("/var/run/docker.pid")).trim());
        ProcessHandle engine = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no dockerd " + pid));
        engine.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (executing(pid)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dockerd " + pid + " did not exit within 90 s of SIGTERM");
            }
            Thread.sleep(100);
        }
        if (engineUp()) {
            throw new IllegalStateException("the engine still answers after dockerd exited");
        }
    }

    /** Whether a process still executes: false once it is gone or has exited unreaped (state Z or X). */
    static boolean executing(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return false;
        }
        // pid (comm) state ...: the command name may hold spaces and parentheses, the state follows the last ')'
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    /** Starts the engine if it is not answering, with the flags of scripts/lib.sh, and waits until it answers. */
    static void startEngine() throws Exception {
        if (engineUp()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("setsid", "nohup"));
        command.addAll(DOCKERD);
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("/var/log/local-ecs-api-dockerd.log")))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!engineUp()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dockerd did not come back within 60 s");
            }
            Thread.sleep(200);
        }
    }
}
