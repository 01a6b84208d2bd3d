package dev.localecs.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ExecuteCommand's command line split as the SSM agent splits it (no shell). */
class CommandLineTest {

    @Test
    void splitsWordsAndHonoursQuotesAndEscapes() {
        assertThat(CommandLine.split("/bin/sh")).containsExactly("/bin/sh");
        assertThat(CommandLine.split("  ls   -la\t/tmp ")).containsExactly("ls", "-la", "/tmp");
        assertThat(CommandLine.split("/bin/sh -c 'echo hi; exit 3'")).containsExactly("/bin/sh", "-c",
                "echo hi; exit 3");
        assertThat(CommandLine.split("sh -c \"echo \\\"a b\\\" \\$HOME\"")).containsExactly("sh", "-c",
                "echo \"a b\" $HOME");
        assertThat(CommandLine.split("echo a\\ b ''")).containsExactly("echo", "a b", "");
        assertThat(CommandLine.split("echo hi; exit")).as("no shell: ';' is part of a word")
                .containsExactly("echo", "hi;", "exit");
    }

    @Test
    void refusesEmptyCommandsAndOpenQuotes() {
        assertThatThrownBy(() -> CommandLine.split("   ")).hasMessage("The command is empty.");
        assertThatThrownBy(() -> CommandLine.split("sh -c 'echo")).hasMessage(
                "The command has an unterminated single quote.");
        assertThatThrownBy(() -> CommandLine.split("sh -c \"echo")).hasMessage(
                "The command has an unterminated double quote.");
    }
}
