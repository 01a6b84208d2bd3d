package dev.localecs.runtime.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.error.EcsException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ComposeYamlTest {
    private final ComposeYaml yaml = new ComposeYaml();

    @Test
    void readsShortSyntaxesIntoTheLongForm() {
        ComposeProject project = yaml.parse("""
                version: "3.8"
                x-common: &common
                  restart: "no"
                services:
                  web:
                    image: nginx
                    build: ./web
                    command: sh -c 'echo "hi there" && sleep 1'
                    entrypoint: ["/init"]
                    environment: [A=1, B]
                    env_file: .env
                    labels: {team: pay}
                    ports: ["8080:80", "127.0.0.1:9090:90/udp", 3000, {target: 22, published: "2222"}]
                    volumes: ["./src:/app:ro", "data:/data", "/anon", {type: tmpfs, target: /run}]
                    networks: [front, back]
                    depends_on: [db]
                    healthcheck: {test: "curl -f localhost", interval: 10s}
                    ulimits: {nofile: 1024, nproc: {soft: 10, hard: 20}}
                    sysctls: [net.core.somaxconn=1024]
                    extra_hosts: {db.local: 10.0.0.1}
                    devices: ["/dev/fuse:/dev/fuse:rwm"]
                    dns: 8.8.8.8
                    mem_limit: 512m
                    cpus: 0.5
                    x-note: ignored
                  db:
                    image: postgres
                    networks: {back: {aliases: [database], ipv4_address: 169.254.170.10}}
                    depends_on: {init: {condition: service_completed_successfully}}
                """, "test.yml");

        ComposeService web = project.services().get("web");
        assertThat(web.build().context()).isEqualTo("./web");
        assertThat(web.command()).containsExactly("sh", "-c", "echo \"hi there\" && sleep 1");
        assertThat(web.environment()).containsEntry("A", "1").containsEntry("B", null);
        assertThat(web.envFile()).containsExactly(".env");
        assertThat(web.ports()).extracting(p -> p.hostIp() + "|" + p.published() + "|" + p.target() + "|" + p.protocol())
                .containsExactly("null|8080|80|null", "127.0.0.1|9090|90|udp", "null|null|3000|null",
                        "null|2222|22|null");
        assertThat(web.volumes()).extracting(v -> v.type() + "|" + v.source() + "|" + v.target() + "|" + v.readOnly())
                .containsExactly("bind|./src|/app|true", "volume|data|/data|null", "volume|null|/anon|null",
                        "tmpfs|null|/run|null");
        assertThat(web.networks()).containsOnlyKeys("front", "back");
        assertThat(web.dependsOn().get("db").condition()).isEqualTo("service_started");
        assertThat(web.healthcheck().test()).containsExactly("CMD-SHELL", "curl -f localhost");
        assertThat(web.ulimits().get("nofile").soft()).isEqualTo(1024L);
        assertThat(web.ulimits().get("nproc").hard()).isEqualTo(20L);
        assertThat(web.sysctls()).containsEntry("net.core.somaxconn", "1024");
        assertThat(web.extraHosts()).containsExactly("db.local:10.0.0.1");
        assertThat(web.dns()).containsExactly("8.8.8.8");
        assertThat(web.cpus()).isEqualTo(0.5);
        ComposeService db = project.services().get("db");
        assertThat(db.networks().get("back").ipv4Address()).isEqualTo("169.254.170.10");
        assertThat(db.dependsOn().get("init").condition()).isEqualTo("service_completed_successfully");
    }

    @Test
    void unknownKeysNameTheFileAndTheKey() {
        assertThatThrownBy(() -> yaml.parse("services:\n  web:\n    image: a\n    imagge: b\n", "/drop/override.web.yml"))
                .isInstanceOf(EcsException.class)
                .hasMessage("Compose file /drop/override.web.yml: unknown key 'services.web.imagge'.");
        assertThatThrownBy(() -> yaml.parse("servics: {}\n", "f.yml")).hasMessageContaining("unknown key 'servics'");
        assertThatThrownBy(() -> yaml.parse("services:\n  web:\n    healthcheck: {tset: [CMD]}\n", "f.yml"))
                .hasMessageContaining("unknown key 'services.web.healthcheck.tset'");
    }

    @Test
    void wrongValuesAndMalformedYamlAreErrorsNamingTheFile() {
        assertThatThrownBy(() -> yaml.parse("services:\n  web:\n    privileged: [yes]\n", "f.yml"))
                .hasMessageContaining("Compose file f.yml: invalid value at 'services.web.privileged'");
        assertThatThrownBy(() -> yaml.parse("services:\n  web:\n   image: a\n  - b: [\n", "bad.yml"))
                .isInstanceOf(EcsException.class)
                .hasMessageContaining("Compose file bad.yml is not valid YAML");
    }

    @Test
    void aliasBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char name = 'b'; name <= 'j'; name++) {
            bomb.append(name).append(": &").append(name).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = name;
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> yaml.parse("x-bomb:\n" + bomb.toString().indent(2) + "services: {}\n", "bomb.yml"))
                .isInstanceOf(EcsException.class)
                .hasMessageContaining("bomb.yml");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void writesWhatItReads() {
        ComposeProject project = yaml.parse("""
                services:
                  web:
                    image: nginx
                    environment: {SECRET: null, MODE: local}
                    ports: ["8080:80"]
                """, "in.yml");
        String written = yaml.write(project);
        assertThat(written).contains("SECRET: null").contains("target: \"80\"").doesNotContain("networks");
        assertThat(yaml.parse(written, "out.yml")).isEqualTo(project);
    }
}
