package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exec's process is only signalled when /proc shows it in the exec's container. */
class ExecHangUpTest {
    private static final String ID = "8aa7ee37d922be61b7aa55b1177c47d5b12502fa0475fa783d32a1eed339ae95";

    @TempDir
    Path proc;

    private void process(long pid, String cgroup) throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(Long.toString(pid)).resolve("cgroup"), cgroup);
    }

    @Test
    void aProcessBelongsToTheContainerItsCgroupNames() throws Exception {
        process(4242, "0::/system.slice/docker-" + ID + ".scope\n");
        process(4343, "12:pids:/docker/" + ID + "\n0::/docker/" + ID + "\n");
        process(1, "0::/init.scope\n");
        assertThat(ExecHangUp.belongsTo(proc, 4242, ID)).as("systemd cgroup driver").isTrue();
        assertThat(ExecHangUp.belongsTo(proc, 4343, ID)).as("cgroupfs driver").isTrue();
        assertThat(ExecHangUp.belongsTo(proc, 1, ID)).as("another process").isFalse();
        assertThat(ExecHangUp.belongsTo(proc, 9999, ID)).as("not visible").isFalse();
        assertThat(ExecHangUp.belongsTo(proc, 4242, "")).as("no container id").isFalse();
    }

    @Test
    void aProcessOfAnotherContainerIsNeverSignalled() throws Exception {
        process(4242, "0::/docker/someothercontainer0000000000000000000000000000000000000000000000000\n");
        assertThat(ExecHangUp.send(proc, 4242, ID)).isFalse();
    }
}
