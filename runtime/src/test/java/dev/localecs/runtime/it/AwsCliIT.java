package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task-definition registry driven by the AWS CLI v2, the way the README shows it, across a restart. */
class AwsCliIT extends RuntimeTestBase {
    private static final String CONTAINERS = """
            [{"name": "web", "image": "nginx:%s", "memory": 128, "essential": true,
              "portMappings": [{"containerPort": 80, "hostPort": 8080}],
              "environment": [{"name": "MODE", "value": "local"}]}]""";
    @TempDir
    Path work;
    @Test
    void cliRegistersDescribesListsDeregistersAndFindsDefinitionsAfterRestart() throws Exception {
        AwsCli aws = new AwsCli(runtime.endpoint());
        assertThat(aws.version()).startsWith("aws-cli/2.");
        Path v1 = Files.writeString(work.resolve("v1.json"), CONTAINERS.formatted("1"));
        Path v2 = Files.writeString(work.resolve("v2.json"), CONTAINERS.formatted("2"));

        JsonNode first = aws.ecs("register-task-definition", "--family", "shop",
                "--container-definitions", "file://" + v1, "--tags", "key=env,value=dev");
        JsonNode second = aws.ecs("register-task-definition", "--family", "shop",
                "--container-definitions", "file://" + v2);
        assertThat(first.at("/taskDefinition/revision").asInt()).isEqualTo(1);
        assertThat(first.at("/tags/0/key").asText()).isEqualTo("env");
        assertThat(second.at("/taskDefinition/taskDefinitionArn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/shop:2");

        assertThat(aws.ecs("describe-task-definition", "--task-definition", "shop")
                .at("/taskDefinition/containerDefinitions/0/image").asText()).isEqualTo("nginx:2");
        assertThat(aws.ecs("describe-task-definition", "--task-definition", "shop:1")
                .at("/taskDefinition/containerDefinitions/0/image").asText()).isEqualTo("nginx:1");
        JsonNode byArn = aws.ecs("describe-task-definition", "--task-definition",
                "arn:aws:ecs:us-east-1:000000000000:task-definition/shop:1", "--include", "TAGS");
        assertThat(byArn.at("/taskDefinition/revision").asInt()).isEqualTo(1);
        assertThat(byArn.at("/tags/0/value").asText()).isEqualTo("dev");
        assertThat(byArn.at("/taskDefinition/registeredAt").asText())
                .as("the CLI parsed the epoch-seconds timestamp").matches("\\d{4}-\\d\\d-\\d\\dT.*");

        assertThat(pagedArns(aws)).containsExactly(
                "arn:aws:ecs:us-east-1:000000000000:task-definition/shop:1",
                "arn:aws:ecs:us-east-1:000000000000:task-definition/shop:2");
        JsonNode cliPaged = aws.ecs("list-task-definitions", "--page-size", "1");
        assertThat(cliPaged.get("taskDefinitionArns")).as("the CLI follows nextToken by itself").hasSize(2);

        assertThat(aws.ecs("deregister-task-definition", "--task-definition", "shop:1")
                .at("/taskDefinition/status").asText()).isEqualTo("INACTIVE");

        runtime.restart();
        aws = new AwsCli(runtime.endpoint());

        assertThat(aws.ecs("describe-task-definition", "--task-definition", "shop:1")
                .at("/taskDefinition/status").asText()).isEqualTo("INACTIVE");
        assertThat(aws.ecs("list-task-definitions").get("taskDefinitionArns")).hasSize(1);
        assertThat(aws.ecs("list-task-definition-families").get("families").get(0).asText()).isEqualTo("shop");

        AwsCli.Result missing = aws.ecsResult("describe-task-definition", "--task-definition", "ghost");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.error()).contains("ClientException").contains("Unable to describe task definition.");
    }

    private static List<String> pagedArns(AwsCli aws) {
        List<String> arns = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 10; page++) {
            JsonNode result = token == null
                    ? aws.ecs("list-task-definitions", "--max-items", "1")
                    : aws.ecs("list-task-definitions", "--max-items", "1", "--starting-token", token);
            result.get("taskDefinitionArns").forEach(arn -> arns.add(arn.asText()));
            token = result.has("NextToken") ? result.get("NextToken").asText() : null;
            if (token == null) {
                break;
            }
        }
        return arns;
    }
}
