package dev.localecs.runtime.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per compose-specification merge rule. */
class ComposeMergerTest {
    private final ComposeYaml yaml = new ComposeYaml();
    private final ComposeMerger merger = new ComposeMerger(yaml);

    private ComposeService merged(String base, String override) {
        ComposeProject result = merger.merge(List.of(yaml.parse(base, "base"), yaml.parse(override, "override")));
        return result.services().get("app");
    }

    @Test
    void scalarsAreReplaced() {
        ComposeService app = merged("services: {app: {image: a, user: root}}", "services: {app: {image: b}}");
        assertThat(app.image()).isEqualTo("b");
        assertThat(app.user()).isEqualTo("root");
    }

    @Test
    void commandAndEntrypointAreReplacedWhole() {
        ComposeService app = merged("services: {app: {command: [a, b, c], entrypoint: [x, y]}}",
                "services: {app: {command: [d], entrypoint: \"z w\"}}");
        assertThat(app.command()).containsExactly("d");
        assertThat(app.entrypoint()).containsExactly("z", "w");
    }

    @Test
    void environmentLabelsAndSysctlsMergeByKey() {
        ComposeService app = merged("services: {app: {environment: {A: '1', B: '2'}, labels: [x=1], sysctls: {a: '1'}}}",
                "services: {app: {environment: [B=3, C=4], labels: {y: '2'}, sysctls: [b=2]}}");
        assertThat(app.environment()).containsExactly(Map.entry("A", "1"), Map.entry("B", "3"),
                Map.entry("C", "4"));
        assertThat(app.labels()).containsOnlyKeys("x", "y");
        assertThat(app.sysctls()).containsOnlyKeys("a", "b");
    }

    @Test
    void portsMergeByPublishedTargetAndProtocol() {
        ComposeService app = merged("services: {app: {ports: ['8080:80', '9090:90']}}",
                "services: {app: {ports: ['8080:80', '9090:90/udp', '7070:70']}}");
        assertThat(app.ports()).extracting(p -> p.published() + ":" + p.target() + "/" + p.protocol())
                .containsExactly("8080:80/null", "9090:90/null", "9090:90/udp", "7070:70/null");
    }

    @Test
    void volumesMergeByContainerPath() {
        ComposeService app = merged("services: {app: {volumes: ['data:/data', './a:/a']}}",
                "services: {app: {volumes: ['./b:/a:ro', 'logs:/logs']}}");
        assertThat(app.volumes()).extracting(v -> v.source() + ">" + v.target() + (v.readOnly() == null ? "" : ":ro"))
                .containsExactly("data>/data", "./b>/a:ro", "logs>/logs");
    }

    @Test
    void devicesAndExtraHostsMergeByTheirKey() {
        ComposeService app = merged("services: {app: {devices: ['/dev/a:/dev/x'], extra_hosts: ['db:10.0.0.1']}}",
                "services: {app: {devices: ['/dev/b:/dev/x', '/dev/c:/dev/y'], extra_hosts: {db: 10.0.0.2, cache: 10.0.0.3}}}");
        assertThat(app.devices()).containsExactly("/dev/b:/dev/x", "/dev/c:/dev/y");
        assertThat(app.extraHosts()).containsExactly("db:10.0.0.2", "cache:10.0.0.3");
    }

    @Test
    void otherSequencesAreOrderedUnions() {
        ComposeService app = merged("services: {app: {dns: [1.1.1.1], cap_add: [NET_ADMIN], env_file: [a.env]}}",
                "services: {app: {dns: [8.8.8.8, 1.1.1.1], cap_add: [SYS_TIME], env_file: b.env}}");
        assertThat(app.dns()).containsExactly("1.1.1.1", "8.8.8.8");
        assertThat(app.capAdd()).containsExactly("NET_ADMIN", "SYS_TIME");
        assertThat(app.envFile()).containsExactly("a.env", "b.env");
    }

    @Test
    void healthcheckMergesButItsTestIsReplaced() {
        ComposeService app = merged("services: {app: {healthcheck: {test: [CMD, a, b], interval: 30s, retries: 3}}}",
                "services: {app: {healthcheck: {test: [CMD, c], retries: 5}}}");
        assertThat(app.healthcheck().test()).containsExactly("CMD", "c");
        assertThat(app.healthcheck().interval()).isEqualTo("30s");
        assertThat(app.healthcheck().retries()).isEqualTo(5);
    }

    @Test
    void loggingWithAnotherDriverReplacesTheSameDriverMergesOptions() {
        ComposeService same = merged("services: {app: {logging: {driver: json-file, options: {max-size: 1m}}}}",
                "services: {app: {logging: {options: {max-file: '3'}}}}");
        assertThat(same.logging().options()).containsOnlyKeys("max-size", "max-file");
        ComposeService other = merged("services: {app: {logging: {driver: json-file, options: {max-size: 1m}}}}",
                "services: {app: {logging: {driver: syslog, options: {tag: x}}}}");
        assertThat(other.logging().driver()).isEqualTo("syslog");
        assertThat(other.logging().options()).containsOnlyKeys("tag");
    }

    @Test
    void networksDependsOnAndUlimitsMergeAsMappings() {
        ComposeService app = merged("services: {app: {networks: [a], depends_on: [db], ulimits: {nofile: 10}}}",
                "services: {app: {networks: {b: {aliases: [x]}}, depends_on: {cache: {condition: service_healthy}},"
                        + " ulimits: {nofile: {soft: 20, hard: 40}}}}");
        assertThat(app.networks()).containsOnlyKeys("a", "b");
        assertThat(app.networks().get("b").aliases()).containsExactly("x");
        assertThat(app.dependsOn()).containsOnlyKeys("db", "cache");
        assertThat(app.ulimits().get("nofile").hard()).isEqualTo(40L);
    }

    @Test
    void newServicesNetworksAndVolumesAreAdded() {
        ComposeProject result = merger.merge(List.of(
                yaml.parse("services: {app: {image: a}}\nvolumes: {data: {}}", "base"),
                yaml.parse("services: {side: {image: b}}\nnetworks: {ext: {external: true}}\n"
                        + "volumes: {data: {driver: local}}", "override")));
        assertThat(result.services()).containsOnlyKeys("app", "side");
        assertThat(result.networks().get("ext").external()).isTrue();
        assertThat(result.volumes().get("data").driver()).isEqualTo("local");
    }

    @Test
    void laterFilesWinOverEarlierOnes() {
        ComposeProject result = merger.merge(List.of(yaml.parse("services: {app: {image: a}}", "1"),
                yaml.parse("services: {app: {image: b}}", "2"), yaml.parse("services: {app: {image: c}}", "3")));
        assertThat(result.services().get("app").image()).isEqualTo("c");
    }
}
