package dev.localecs.runtime.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Images the task tests run, built locally (no registry is reachable): busybox from Debian's
 * {@code busybox-static} imported with {@code docker import}, and a pause image that sleeps forever.
 */
public final class TestImages {
    /** busybox with {@code sh}, {@code wget}, {@code httpd}, {@code nc}, {@code sleep}. */
    public static final String BUSYBOX = "local/busybox:test";
    /** The pause image for awsvpc tasks. */
    public static final String PAUSE = "local/pause:test";
    private static volatile boolean built;

    private TestImages() {
    }

    /** Builds both images once per JVM (quickly skipped when they exist). Fails when Docker is missing. */
    public static synchronized void ensure() {
        if (built) {
            return;
        }
        String script = """
                set -e
                if docker image inspect %1$s >/dev/null 2>&1 && docker image inspect %2$s >/dev/null 2>&1; then exit 0; fi
                [ -x /bin/busybox ] || { echo "install busybox-static" >&2; exit 1; }
                dir=$(mktemp -d)
                mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc" "$dir/www"
                cp /bin/busybox "$dir/bin/"
                for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -s busybox "$dir/bin/$applet"; done
                echo "root:x:0:0:root:/root:/bin/sh" > "$dir/etc/passwd"
                echo "hello from busybox" > "$dir/www/index.html"
                tar -C "$dir" -c . | docker import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' - %1$s >/dev/null
                tar -C "$dir" -c . | docker import -c 'ENTRYPOINT ["/bin/sleep","2147483647"]' -c 'ENV PATH=/bin' - %2$s >/dev/null
                rm -rf "$dir"
                """.formatted(BUSYBOX, PAUSE);
        run(List.of("sh", "-c", script));
        built = true;
    }

    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
