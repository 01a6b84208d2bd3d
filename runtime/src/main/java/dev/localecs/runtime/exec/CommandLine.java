package dev.localecs.runtime.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * ExecuteCommand's {@code command} split into arguments the way the SSM agent runs it: words separated by
 * blanks, {@code '…'} taken literally, {@code "…"} with backslash escapes of {@code " \ $ `}, a backslash
 * outside quotes escaping the next character — and no shell: {@code echo hi; exit} is the three words
 * {@code echo}, {@code hi;} and {@code exit}, so shell syntax needs {@code /bin/sh -c '…'}, as on ECS.
 */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * Splits a command line.
     *
     * @param command the command line
     * @return the arguments (at least one)
     * @throws IllegalArgumentException when it is blank or a quote is not closed
     */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("The command has an unterminated " + (quote == '"' ? "double" : "single")
                    + " quote.");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("The command is empty.");
        }
        return List.copyOf(words);
    }
}
