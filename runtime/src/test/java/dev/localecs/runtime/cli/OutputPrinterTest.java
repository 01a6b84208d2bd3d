package dev.localecs.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputPrinterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String print(boolean colour, String... items) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputPrinter printer = new OutputPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), colour,
                List.of("app", "sidecar"));
        for (String item : items) {
            printer.print(JSON.readTree(item));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainOutputIsPrefixedAndPaddedWithoutEscapeCodes() throws Exception {
        String out = print(false, "{\"container\": \"app\", \"stream\": \"stdout\", \"message\": \"hello\"}",
                "{\"container\": \"sidecar\", \"stream\": \"stderr\", \"message\": \"hi\"}",
                "{\"end\": true, \"lastStatus\": \"STOPPED\"}");
        assertThat(out).isEqualTo("app     | hello\nsidecar | hi\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void onATerminalEachContainerHasItsOwnColour() throws Exception {
        String out = print(true, "{\"container\": \"app\", \"message\": \"a\"}",
                "{\"container\": \"sidecar\", \"message\": \"b\"}");
        assertThat(out).contains("\u001b[36mapp     | \u001b[0ma", "\u001b[33msidecar | \u001b[0mb");
    }

    @Test
    void noColorAndTheLaunchersVerdictDecide() {
        assertThat(OutputPrinter.colourWanted(Map.of("NO_COLOR", "1"))).isFalse();
        String before = System.getProperty("local-ecs.stdout-tty");
        try {
            System.setProperty("local-ecs.stdout-tty", "false");
            assertThat(OutputPrinter.colourWanted(Map.of())).isFalse();
            System.setProperty("local-ecs.stdout-tty", "true");
            assertThat(OutputPrinter.colourWanted(Map.of())).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty("local-ecs.stdout-tty");
            } else {
                System.setProperty("local-ecs.stdout-tty", before);
            }
        }
    }
}
