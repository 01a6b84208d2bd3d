package dev.localecs.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void environmentEntriesWithSecretNamesLoseTheirValuesAndReferencesStay() throws Exception {
        JsonNode definition = JSON.readTree("""
                {"containerDefinitions": [{"name": "app",
                  "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}, {"name": "apiKey", "value": "k-123"},
                                  {"name": "AWS_SESSION_TOKEN", "value": "tok"}, {"name": "MODE", "value": "fast"}],
                  "secrets": [{"name": "DB_SECRET", "valueFrom": "arn:aws:secretsmanager:us-east-1:1:secret:db"}],
                  "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:1:secret:reg"}}],
                 "overrides": {"containerOverrides": [{"environment": [{"name": "GITHUB_TOKEN", "value": "ghp_x"}]}]}}""");

        String redacted = Redactor.redact(definition).toString();

        assertThat(redacted).doesNotContain("hunter2", "k-123", "\"tok\"", "ghp_x")
                .contains("\"MODE\",\"value\":\"fast\"", "arn:aws:secretsmanager:us-east-1:1:secret:db",
                        "arn:aws:secretsmanager:us-east-1:1:secret:reg", Redactor.REDACTED);
    }

    @Test
    void endpointIdsInCredentialAndMetadataPathsAreRedacted() {
        String id = "0123456789abcdef0123456789abcdef";
        assertThat(Redactor.text("/v2/credentials/" + id)).isEqualTo("/v2/credentials/" + Redactor.REDACTED);
        assertThat(Redactor.text("http://169.254.170.2/v4/" + id + ".app"))
                .isEqualTo("http://169.254.170.2/v4/" + Redactor.REDACTED + ".app");
        assertThat(Redactor.text("/v2/metadata")).isEqualTo("/v2/metadata");
    }

    @Test
    void composeTextKeepsItsLayoutAndLosesSecretValues() {
        String compose = """
                # local-ecs-api: web:1, effective
                services:
                  app:
                    environment:
                      DB_PASSWORD: hunter2
                      "API_KEY": 'k-123'
                      SECRET_FROM_SM: null
                      MODE: fast
                      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: /v2/credentials/0123456789abcdef0123456789abcdef
                    command:
                      - DB_TOKEN=abc
                    labels:
                      com.amazonaws.ecs.local.secret.DB_PASSWORD: /prod/db/password
                """;

        String redacted = ComposeFilesView.redact(compose);

        assertThat(redacted).doesNotContain("hunter2", "k-123", "abc", "0123456789abcdef0123456789abcdef")
                .contains("      DB_PASSWORD: (redacted)", "      \"API_KEY\": (redacted)", "      MODE: fast",
                        "SECRET_FROM_SM: null", "- DB_TOKEN=(redacted)",
                        "com.amazonaws.ecs.local.secret.DB_PASSWORD: /prod/db/password",
                        "# local-ecs-api: web:1, effective");
        assertThat(redacted.lines().count()).isEqualTo(compose.lines().count());
    }
}
