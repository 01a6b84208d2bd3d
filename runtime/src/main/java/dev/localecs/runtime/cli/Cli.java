package dev.localecs.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Entry of the client commands ({@code run}, {@code ps}, {@code logs}) for {@code Main}. */
public final class Cli {
    /** The commands served here. */
    public static final Set<String> COMMANDS = Set.of("run", "ps", "logs");
    /** Their usage lines. */
    public static final String USAGE = RunCommand.USAGE + "\n" + PsCommand.USAGE + "\n" + LogsCommand.USAGE;

    private Cli() {
    }

    /**
     * Runs a client command and answers its exit code; failures are printed to standard error.
     *
     * @param command {@code run}, {@code ps} or {@code logs}
     * @param args its arguments
     * @param environment the process environment
     * @return the exit code
     */
    public static int run(String command, List<String> args, Map<String, String> environment) {
        try {
            return switch (command) {
                case "run" -> RunCommand.main(args, environment);
                case "ps" -> PsCommand.main(args, environment, System.out);
                case "logs" -> LogsCommand.main(args, environment, System.out);
                default -> throw new CliException(CliException.USAGE, USAGE);
            };
        } catch (CliException e) {
            System.err.println("local-ecs-api " + command + ": " + e.getMessage());
            return e.exitCode();
        }
    }

    static ObjectMapper json() {
        return new ObjectMapper();
    }
}
