package dev.localecs.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Console;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints container output lines as {@code docker compose} does: each prefixed with its container's name,
 * padded, and (on a terminal) coloured per container. Plain text, no escape codes, when stdout is not a
 * terminal or {@code NO_COLOR} is set.
 */
final class OutputPrinter {
    private static final String[] COLOURS = {"36", "33", "32", "35", "34", "96", "93", "92", "95", "94"};
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final boolean colour;
    private final List<String> names = new ArrayList<>();
    private int width;

    OutputPrinter(PrintStream out, boolean colour, List<String> containerNames) {
        this.out = out;
        this.colour = colour;
        containerNames.forEach(this::know);
    }

    /**
     * Whether standard output is a terminal: the launcher tells ({@code -Dlocal-ecs.stdout-tty}, from
     * {@code [ -t 1 ]}); otherwise the JVM's console; {@code NO_COLOR} always wins.
     *
     * @param environment the process environment
     * @return true to colour
     */
    static boolean colourWanted(Map<String, String> environment) {
        if (environment.containsKey("NO_COLOR")) {
            return false;
        }
        String told = System.getProperty("local-ecs.stdout-tty");
        if (told != null) {
            return told.equals("true");
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from Java 22; before, a console exists only on a terminal
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private void know(String name) {
        if (!names.contains(name)) {
            names.add(name);
            width = Math.max(width, name.length());
        }
    }

    /**
     * Prints one item of the task output stream (a line or a note; the end marker prints nothing).
     *
     * @param item the item
     */
    void print(JsonNode item) {
        if (item.has("note")) {
            out.println(item.path("note").asText());
        } else if (item.has("container")) {
            String name = item.path("container").asText();
            know(name);
            String prefix = String.format("%-" + width + "s | ", name);
            if (colour) {
                String code = COLOURS[names.indexOf(name) % COLOURS.length];
                out.println("\u001b[" + code + "m" + prefix + RESET + item.path("message").asText());
            } else {
                out.println(prefix + item.path("message").asText());
            }
        }
        out.flush();
    }
}
