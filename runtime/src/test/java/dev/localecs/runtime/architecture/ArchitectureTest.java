package dev.localecs.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture's rules as tests: the runtime's packages form no cycle, plugins see only the api (never the
 * runtime), and the api depends on nothing of the runtime.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    @Test
    void runtimePackagesFormNoCycle() {
        JavaClasses runtime = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.localecs.runtime");
        assertThat(runtime.size()).as("runtime classes imported").isGreaterThan(50);
        slices().matching("dev.localecs.runtime.(*)..").should().beFreeOfCycles().check(runtime);
    }

    @Test
    void pluginsAndTheApiNeverImportTheRuntime() {
        List<Path> folders = pluginClassFolders();
        assertThat(folders).as("compiled plugin modules under %s (build the plugins first)", ROOT.resolve("plugins"))
                .hasSizeGreaterThanOrEqualTo(5);
        JavaClasses plugins = new ClassFileImporter().importPaths(folders);
        assertThat(plugins.size()).isGreaterThan(20);
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.localecs.runtime..")
                .because("plugins get runtime services through the api's PluginContext only").check(plugins);

        JavaClasses api = new ClassFileImporter().importPath(ROOT.resolve("api/target/classes"));
        assertThat(api.size()).isGreaterThan(50);
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.localecs.runtime..").check(api);
    }

    private static List<Path> pluginClassFolders() {
        try (Stream<Path> modules = Files.list(ROOT.resolve("plugins"))) {
            return modules.map(module -> module.resolve("target/classes"))
                    .filter(classes -> Files.isDirectory(classes.resolve("dev"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
