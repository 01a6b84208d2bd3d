package dev.localecs.runtime.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real PF4J plugin jar in a test folder: compiles the given sources against the api, writes
 * {@code META-INF/extensions.idx} and a manifest with {@code Plugin-Id}/{@code Plugin-Version}.
 */
final class PluginJar {
    private final String id;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private String pluginClass;

    private PluginJar(String id) {
        this.id = id;
    }

    static PluginJar named(String id) {
        return new PluginJar(id);
    }

    /** Adds an {@code @Extension} class (fully qualified name → source). */
    PluginJar extension(String className, String source) {
        sources.put(className, source);
        extensions.add(className);
        return this;
    }

    /** Adds a source that is not an extension itself (a base class; nested extensions listed with {@link #listed}). */
    PluginJar source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Lists a (nested) class in {@code META-INF/extensions.idx}, its source given elsewhere. */
    PluginJar listed(String className) {
        extensions.add(className);
        return this;
    }

    /** Adds the plugin class (its {@code Plugin-Class}). */
    PluginJar pluginClass(String className, String source) {
        sources.put(className, source);
        pluginClass = className;
        return this;
    }

    /** Compiles and writes {@code <dir>/<id>-1.0.0.jar}. */
    Path writeTo(Path dir) {
        try {
            Path work = Files.createTempDirectory(dir.getParent(), id + "-src");
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path"), "--release", "21", "-proc:none", "-nowarn"));
            args.addAll(files);
            int status = compiler.run(null, null, System.err, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("Plugin " + id + " does not compile");
            }
            Manifest manifest = new Manifest();
            Attributes main = manifest.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.putValue("Plugin-Id", id);
            main.putValue("Plugin-Version", "1.0.0");
            main.putValue("Plugin-Provider", "tests");
            if (pluginClass != null) {
                main.putValue("Plugin-Class", pluginClass);
            }
            Path jar = dir.resolve(id + "-1.0.0.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                write(out, String.join("\n", extensions) + "\n");
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Copies a built-in plugin's zip (built by the plugins modules before this one) into a folder. */
    static Path copyBuiltIn(String pluginModule, Path dir) {
        Path target = RuntimeFixture.projectRoot().resolve("plugins").resolve(pluginModule).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            Path zip = files.filter(f -> f.getFileName().toString().endsWith("-plugin.zip")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Build " + pluginModule + " first: no zip in "
                            + target));
            return Files.copy(zip, dir.resolve(zip.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
