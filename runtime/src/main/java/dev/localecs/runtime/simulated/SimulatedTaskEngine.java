package dev.localecs.runtime.simulated;

import com.sun.management.OperatingSystemMXBean;
import dev.localecs.api.ExecResult;
import dev.localecs.api.OutputLine;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.aws.RegistryLogin;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.compose.LaunchHints;
import dev.localecs.runtime.docker.AwsvpcHostPorts;
import dev.localecs.runtime.tasks.EngineHost;
import dev.localecs.runtime.tasks.InteractiveExec;
import dev.localecs.runtime.tasks.LaunchException;
import dev.localecs.runtime.tasks.TaskEngine;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A task engine without Docker ({@code tasks.engine: simulated}): containers live in memory, run from the
 * moment they start until they are stopped or their {@link SimulationScript} ends them, publish ports from
 * an ephemeral range, get addresses on the task subnet and report events the way the Docker engine does
 * ({@code start}, {@code die} with an exit code, {@code oom}, {@code health_status: …}). The lifecycle above it
 * cannot tell the difference, which is what makes it both a product feature (the whole API on a machine
 * without Docker) and the engine of the runtime's lifecycle unit tests.
 *
 * <p>A stop is {@code docker stop}: exit code 0 at once (SIGTERM honoured), or 137 after the stop timeout
 * when the script says {@code ignore-sigterm} or the timeout is 0. Commands cannot be executed in simulated
 * containers: {@link #exec} answers exit code 126 with a message saying so.
 */
public final class SimulatedTaskEngine implements TaskEngine {
    private static final Logger LOG = Logger.getLogger(SimulatedTaskEngine.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FIRST_EPHEMERAL_PORT = 49153;

    private final Clock clock;
    private final String addressPrefix;
    private final Map<String, SimContainer> containers = new ConcurrentHashMap<>();
    private final Set<Integer> hostPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextPort = new AtomicInteger(FIRST_EPHEMERAL_PORT);
    private final AtomicInteger nextHost = new AtomicInteger(10);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("simulated-engine").daemon().factory());
    private volatile EventListener listener;
    private final AwsvpcHostPorts awsvpcHostPorts;

    /**
     * Creates the engine.
     *
     * @param clock the clock for container timestamps
     * @param taskSubnet the task network's subnet (addresses are given from it), e.g. {@code 169.254.170.0/24}
     */
    public SimulatedTaskEngine(Clock clock, String taskSubnet) {
        this(clock, taskSubnet, AwsvpcHostPorts.IF_FREE);
    }

    /**
     * Creates the engine.
     *
     * @param clock the clock for container timestamps
     * @param taskSubnet the task network's subnet (addresses are given from it), e.g. {@code 169.254.170.0/24}
     * @param awsvpcHostPorts whether awsvpc tasks' ports are also published on the host
     *        ({@code tasks.awsvpc-host-ports}), as the Docker engine decides it
     */
    public SimulatedTaskEngine(Clock clock, String taskSubnet, AwsvpcHostPorts awsvpcHostPorts) {
        this.clock = clock;
        this.awsvpcHostPorts = awsvpcHostPorts;
        String base = taskSubnet.split("/")[0];
        this.addressPrefix = base.substring(0, base.lastIndexOf('.') + 1);
    }

    @Override
    public void prepare(ComposedTask compose, Map<String, RegistryLogin> logins) {
        for (Map.Entry<String, ComposeService> entry : compose.effective().services().entrySet()) {
            if (script(entry.getKey(), entry.getValue()).pullFails()) {
                throw new LaunchException(LaunchException.Kind.PULL, entry.getKey(), "pull image manifest has been "
                        + "retried 1 time(s): failed to resolve ref " + entry.getValue().image()
                        + ": simulated pull failure (" + SimulationScript.VARIABLE + "=pull-fail)", null);
            }
        }
    }

    @Override
    public void ensureTaskNetwork() {
        // the simulated task network always exists
    }

    @Override
    public void attach(String containerId, String network, Optional<String> address) {
        // nothing to connect: no container of the runtime's own exists in the simulation
    }

    /** The JVM's machine: its processors and physical memory. */
    @Override
    public EngineHost host() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getTotalMemorySize() / (1024 * 1024) : Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return new EngineHost("simulated", Runtime.getRuntime().availableProcessors(), memory,
                "simulated-" + Runtime.version().feature(), "1.44", "linux",
                EngineHost.ecsArchitecture(System.getProperty("os.arch")), List.of("json-file", "none"));
    }

    @Override
    public Map<String, Object> stats(String containerId) {
        SimContainer c = require(containerId);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("read", clock.instant().toString());
        stats.put("name", "/" + c.project + "-" + c.service);
        stats.put("id", containerId);
        stats.put("cpu_stats", Map.of("cpu_usage", Map.of("total_usage", 0), "system_cpu_usage", 0,
                "online_cpus", Runtime.getRuntime().availableProcessors()));
        stats.put("memory_stats", Map.of("usage", 0, "limit", Runtime.getRuntime().maxMemory()));
        return stats;
    }

    @Override
    public String create(ComposedTask compose, String service, Map<String, String> created,
                         Map<String, String> secrets) {
        ComposeService definition = compose.effective().services().get(service);
        SimulationScript script;
        try {
            script = script(service, definition);
        } catch (ConfigurationException e) {
            throw new LaunchException(LaunchException.Kind.START, service, e.getMessage(), e);
        }
        String taskArn = LaunchHints.of(definition).taskArn().orElse(null);
        String id = HexFormat.of().formatHex(randomBytes(32));
        String mode = definition.networkMode();
        String ip = null;
        if (mode != null && mode.startsWith("service:")) {
            SimContainer owner = containers.get(created.get(mode.substring("service:".length())));
            ip = owner == null ? null : owner.ip;
        } else if (mode == null || !(mode.equals("host") || mode.equals("none"))) {
            ip = addressPrefix + (2 + Math.floorMod(nextHost.getAndIncrement() - 2, 252));
        }
        containers.put(id, new SimContainer(id, compose.project(), service, taskArn, script, definition, ip));
        return id;
    }

    @Override
    public ExecResult exec(String containerId, List<String> command) {
        require(containerId);
        return new ExecResult(126, "The simulated engine runs no processes: '" + String.join(" ", command)
                + "' was not executed.\n");
    }

    /** No process runs here: the terminal says so, and the command ends with 126 (cannot execute). */
    @Override
    public InteractiveExec execInteractive(String containerId, List<String> command, InteractiveExec.Output output) {
        require(containerId);
        byte[] message = ("The simulated engine runs no processes: '" + String.join(" ", command)
                + "' was not executed.\r\n").getBytes(StandardCharsets.UTF_8);
        Thread.ofVirtual().name("simulated-exec-" + containerId).start(() -> {
            output.write(message);
            output.ended(Optional.of(126));
        });
        return new InteractiveExec() {
            @Override
            public void write(byte[] input) {
                // nothing reads it
            }

            @Override
            public void resize(int columns, int rows) {
                // no terminal
            }

            @Override
            public void close() {
                // nothing runs
            }
        };
    }

    @Override
    public String start(String containerId) {
        SimContainer c = require(containerId);
        if (c.script.startFails()) {
            throw new LaunchException(LaunchException.Kind.START, null, "OCI runtime create failed: simulated start "
                    + "failure (" + SimulationScript.VARIABLE + "=start-fail)", null);
        }
        synchronized (c) {
            if (c.running) {
                return containerId;
            }
            c.ports = bind(c.definition);
            c.running = true;
            if (c.definition.healthcheck() != null && !c.script.scriptsHealth()) {
                c.health = "HEALTHY";
            }
        }
        String output = c.definition.environment() == null ? null
                : c.definition.environment().get(SimulationScript.OUTPUT_VARIABLE);
        if (output != null) {
            write(c, output.lines().toList());
        }
        emit(c, "start", Optional.empty());
        if ("HEALTHY".equals(c.health)) {
            emit(c, "health_status: healthy", Optional.empty());
        }
        for (SimulationScript.Step step : c.script.steps()) {
            timer.schedule(() -> perform(c, step), step.after().toMillis(), TimeUnit.MILLISECONDS);
        }
        return containerId;
    }

    private void perform(SimContainer c, SimulationScript.Step step) {
        switch (step.action()) {
            case HEALTHY, UNHEALTHY -> {
                String health = step.action().name();
                synchronized (c) {
                    if (!c.running) {
                        return;
                    }
                    c.health = health;
                }
                emit(c, "health_status: " + health.toLowerCase(Locale.ROOT), Optional.empty());
            }
            case OOM -> exit(c, 137, true);
            case EXIT -> exit(c, step.exitCode(), false);
            case LINES -> {
                List<String> lines = new ArrayList<>(step.exitCode());
                for (int i = 1; i <= step.exitCode(); i++) {
                    lines.add("line " + i);
                }
                write(c, lines);
            }
        }
    }

    /** A running container writes lines to standard output, each stamped by the clock as Docker stamps them. */
    private void write(SimContainer c, List<String> lines) {
        synchronized (c) {
            if (!c.running) {
                return;
            }
            for (String line : lines) {
                c.output.add(new OutputLine(clock.instant(), OutputLine.Source.STDOUT, line));
            }
            c.notifyAll();
        }
    }

    @Override
    public void follow(String containerId, OutputReceiver receiver) throws InterruptedException {
        SimContainer c = require(containerId);
        int next = 0;
        while (true) {
            List<OutputLine> batch;
            synchronized (c) {
                while (next == c.output.size() && c.running) {
                    c.wait();
                }
                if (next == c.output.size()) {
                    return;
                }
                batch = List.copyOf(c.output.subList(next, c.output.size()));
            }
            for (OutputLine line : batch) {
                receiver.line(line);
            }
            next += batch.size();
        }
    }

    private boolean exit(SimContainer c, int code, boolean oom) {
        synchronized (c) {
            if (!c.running) {
                return false;
            }
            c.running = false;
            c.notifyAll();
            c.exitCode = code;
            c.oomKilled = oom;
            c.ports.forEach(p -> hostPorts.remove(p.hostPort()));
        }
        if (oom) {
            emit(c, "oom", Optional.empty());
        }
        emit(c, "die", Optional.of(code));
        return true;
    }

    @Override
    public Observation observe(String containerId, String taskNetwork) {
        SimContainer c = require(containerId);
        synchronized (c) {
            return new Observation(c.id, c.running, c.running || c.exitCode == null ? Optional.empty()
                    : Optional.of(c.exitCode), c.oomKilled, Optional.ofNullable(c.health), Optional.of(c.digest),
                    c.running ? c.ports : List.of(), Optional.ofNullable(c.ip), Optional.ofNullable(c.mac));
        }
    }

    @Override
    public void stop(String containerId, int timeoutSeconds) {
        SimContainer c = containers.get(containerId);
        if (c == null) {
            return;
        }
        boolean killed = c.script.ignoreSigterm() || timeoutSeconds <= 0;
        if (killed && timeoutSeconds > 0) {
            try {
                Thread.sleep(timeoutSeconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exit(c, killed ? 137 : 0, false);
    }

    @Override
    public void remove(String project) {
        containers.values().removeIf(c -> {
            if (!c.project.equals(project)) {
                return false;
            }
            exit(c, 137, false);
            return true;
        });
    }

    @Override
    public Map<String, Observation> containers(String taskArn) {
        Map<String, Observation> found = new LinkedHashMap<>();
        for (SimContainer c : containers.values()) {
            if (taskArn.equals(c.taskArn)) {
                found.put(c.service, observe(c.id, ""));
            }
        }
        return found;
    }

    @Override
    public void events(EventListener listener) {
        this.listener = listener;
    }

    /**
     * How many containers the simulation holds (created and not removed).
     *
     * @return the count
     */
    public int size() {
        return containers.size();
    }

    private void emit(SimContainer c, String action, Optional<Integer> exitCode) {
        EventListener target = listener;
        if (target == null || c.taskArn == null) {
            return;
        }
        // events arrive asynchronously, as from Docker's event stream
        timer.execute(() -> {
            try {
                target.onEvent(c.taskArn, c.service, action, exitCode);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Handling " + action + " of " + c.service + " failed", e);
            }
        });
    }

    private List<PortBinding> bind(ComposeService definition) {
        List<PortBinding> bound = new ArrayList<>();
        if (definition.ports() == null) {
            return bound;
        }
        // an awsvpc task is reached at its ENI address: publishing on the host never makes it fail (if-free)
        boolean awsvpcPause = definition.labels() != null && definition.labels().containsKey(EcsLabels.PAUSE)
                && definition.networkMode() == null;
        if (awsvpcPause && awsvpcHostPorts == AwsvpcHostPorts.NEVER) {
            return bound;
        }
        for (ComposeService.Port port : definition.ports()) {
            int target = Integer.parseInt(port.target());
            String protocol = port.protocol() == null ? "tcp" : port.protocol();
            int host;
            if (port.published() != null && !port.published().isEmpty()) {
                host = Integer.parseInt(port.published());
                if (!hostPorts.add(host)) {
                    if (awsvpcPause && awsvpcHostPorts == AwsvpcHostPorts.IF_FREE) {
                        continue; // taken by another task: this one is reached at its ENI address only
                    }
                    bound.forEach(b -> hostPorts.remove(b.hostPort()));
                    throw new LaunchException(LaunchException.Kind.START, null, "driver failed programming external "
                            + "connectivity: Bind for 0.0.0.0:" + host + " failed: port is already allocated", null);
                }
            } else {
                do {
                    host = nextPort.getAndUpdate(p -> p >= 60999 ? FIRST_EPHEMERAL_PORT : p + 1);
                } while (!hostPorts.add(host));
            }
            bound.add(new PortBinding(target, protocol, port.hostIp() == null ? "0.0.0.0" : port.hostIp(), host));
        }
        return List.copyOf(bound);
    }

    private static SimulationScript script(String service, ComposeService definition) {
        String text = definition.environment() == null ? null : definition.environment().get(SimulationScript.VARIABLE);
        if (text == null && definition.labels() != null) {
            text = definition.labels().get(SimulationScript.VARIABLE);
        }
        return text == null ? SimulationScript.NONE : SimulationScript.parse(text);
    }

    private SimContainer require(String containerId) {
        SimContainer c = containers.get(containerId);
        if (c == null) {
            throw new IllegalStateException("No such container: " + containerId);
        }
        return c;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One simulated container (mutable; guarded by itself). */
    private static final class SimContainer {
        final String id;
        final String project;
        final String service;
        final String taskArn;
        final SimulationScript script;
        final ComposeService definition;
        final String ip;
        final String mac;
        final String digest;
        boolean running;
        Integer exitCode;
        boolean oomKilled;
        String health;
        List<PortBinding> ports = List.of();
        /** Everything the container wrote (kept while the container is, as Docker keeps it). */
        final List<OutputLine> output = new ArrayList<>();

        SimContainer(String id, String project, String service, String taskArn, SimulationScript script,
                     ComposeService definition, String ip) {
            this.id = id;
            this.project = project;
            this.service = service;
            this.taskArn = taskArn;
            this.script = script;
            this.definition = definition;
            this.ip = ip;
            this.mac = ip == null ? null : "02:42:" + HexFormat.ofDelimiter(":").formatHex(randomBytes(4));
            this.digest = "sha256:" + HexFormat.of().formatHex(sha256(definition.image() == null ? service
                    : definition.image()));
        }

        private static byte[] sha256(String text) {
            try {
                return MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
