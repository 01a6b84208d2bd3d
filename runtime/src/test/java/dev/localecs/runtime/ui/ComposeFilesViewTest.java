package dev.localecs.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsJson;
import dev.localecs.api.model.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeFilesViewTest {
    private static final String ID = "0123456789abcdef0123456789abcdef";
    private final ObjectMapper json = EcsJson.create();

    @TempDir
    Path dest;

    @Test
    void filesComeInMergeOrderWithTheirOriginAndDropInsMarked() throws Exception {
        Path project = Files.createDirectories(dest.resolve("ecs-web-" + ID));
        // written in merge order, but listed by the file system in any order
        write(project, "docker-compose.ecs-local.task.yml", "converted from arn:…:task-definition/web:3");
        write(project, "docker-compose.ecs-local.run-task-override.yml", "override by run-task-override");
        write(project, "docker-compose.ecs-local.drop-in.b.web.yml", "copy of /drop/b.web.yml");
        write(project, "docker-compose.ecs-local.drop-in.a.web.yml", "copy of /drop/a.web.yml");
        write(project, "docker-compose.ecs-local.effective.yml", "effective: the files above merged in order");
        Files.writeString(project.resolve("notes.txt"), "not a compose file");
        Task task = json.readValue("{\"taskDefinitionArn\": \"arn:aws:ecs:us-east-1:000000000000:task-definition/web:3\"}",
                Task.class);

        JsonNode files = new ComposeFilesView(dest, json).files(task, ID).path("files");

        List<String> names = new ArrayList<>();
        files.forEach(file -> names.add(file.path("name").asText()));
        assertThat(names).containsExactly("docker-compose.ecs-local.task.yml",
                "docker-compose.ecs-local.run-task-override.yml", "docker-compose.ecs-local.drop-in.a.web.yml",
                "docker-compose.ecs-local.drop-in.b.web.yml", "docker-compose.ecs-local.effective.yml");
        assertThat(files.get(2).path("dropIn").asBoolean()).isTrue();
        assertThat(files.get(2).path("origin").asText()).isEqualTo("copy of /drop/a.web.yml");
        assertThat(files.get(1).path("dropIn").asBoolean()).isFalse();
        assertThat(files.get(4).path("effective").asBoolean()).isTrue();
        assertThat(files.get(4).path("content").asText()).contains("DB_PASSWORD: (redacted)").doesNotContain("hunter2");
    }

    private static void write(Path project, String name, String origin) throws Exception {
        Files.writeString(project.resolve(name), "# local-ecs-api: web:3, " + origin + "\nservices:\n  app:\n"
                + "    environment:\n      DB_PASSWORD: hunter2\n");
        Thread.sleep(5);
    }
}
