package dev.localecs.runtime;

import dev.localecs.api.error.ConfigurationException;
import dev.localecs.api.error.EcsException;
import dev.localecs.runtime.cli.Cli;
import dev.localecs.runtime.config.RuntimeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

/**
 * Command line entry point: {@code local-ecs-api [serve] [--config FILE]} starts the service;
 * {@code convert} writes a task's compose files; {@code run}, {@code ps} and {@code logs} are clients of a
 * running runtime ({@link Cli}).
 * The launcher passes {@code -Dlocal-ecs.home} (relative paths in the configuration resolve against it)
 * and {@code -Dlocal-ecs.config} (its {@code config/application.yaml}).
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        configureLogging();
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() || rest.get(0).startsWith("--") ? "serve" : rest.remove(0);
        if (Cli.COMMANDS.contains(command)) {
            System.exit(Cli.run(command, rest, System.getenv()));
        }
        if (!command.equals("serve") && !command.equals("convert")) {
            System.err.println("Unknown command '" + command + "'. Usage: local-ecs-api [serve] [--config FILE]\n"
                    + ConvertCommand.USAGE + "\n" + Cli.USAGE);
            System.exit(2);
        }
        Optional<Path> configFile = option(rest, "--config")
                .or(() -> Optional.ofNullable(System.getenv("LOCAL_ECS_CONFIG")))
                .or(() -> Optional.ofNullable(System.getProperty("local-ecs.config")))
                .map(Path::of);
        Path home = Path.of(System.getProperty("local-ecs.home", ".")).toAbsolutePath();
        if (command.equals("convert")) {
            System.exit(convert(rest, configFile, home));
        }
        try {
            RuntimeConfig config = RuntimeConfig.load(configFile, System.getenv(), Map.of());
            LocalEcsRuntime runtime = LocalEcsRuntime.start(config, System.getenv(), home);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runtime.close();
                stopped.countDown();
            }, "local-ecs-api-shutdown"));
            stopped.await();
        } catch (ConfigurationException e) {
            System.err.println("local-ecs-api cannot start: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int convert(List<String> args, Optional<Path> configFile, Path home) {
        ConvertCommand command;
        try {
            command = ConvertCommand.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        RuntimeConfig config = RuntimeConfig.load(configFile, System.getenv(), Map.of());
        try (RuntimeCore core = RuntimeCore.start(config, System.getenv(), home, false)) {
            command.run(core, System.out);
            return 0;
        } catch (EcsException e) {
            System.err.println("convert failed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("convert failed: " + e.getMessage());
            return 1;
        }
    }

    private static Optional<String> option(List<String> args, String name) {
        int index = args.indexOf(name);
        if (index < 0) {
            return Optional.empty();
        }
        if (index + 1 >= args.size()) {
            System.err.println(name + " needs a value.");
            System.exit(2);
        }
        return Optional.of(args.get(index + 1));
    }

    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Main.class.getResourceAsStream("/logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("Cannot read logging.properties: " + e.getMessage());
        }
    }
}
