package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.error.EcsException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-level cpu and memory as ECS reads them ({@code "1024"}, {@code "1 vCPU"}, {@code "0.5 vcpu"};
 * {@code "2048"}, {@code "2 GB"}) and the Fargate size table.
 */
final class TaskSize {
    private static final Pattern VCPU = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*vcpu", Pattern.CASE_INSENSITIVE);
    private static final Pattern GB = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*gb", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNITS = Pattern.compile("\\d+");

    /** Fargate cpu units → {min memory, max memory, step} in MiB. */
    private static final Map<Integer, int[]> FARGATE = Map.of(
            256, new int[] {512, 2048, 512},
            512, new int[] {1024, 4096, 1024},
            1024, new int[] {2048, 8192, 1024},
            2048, new int[] {4096, 16384, 1024},
            4096, new int[] {8192, 30720, 1024},
            8192, new int[] {16384, 61440, 4096},
            16384, new int[] {32768, 122880, 8192});

    private TaskSize() {
    }

    static Optional<Integer> cpuUnits(String cpu) {
        if (cpu == null) {
            return Optional.empty();
        }
        String text = cpu.trim();
        Matcher vcpu = VCPU.matcher(text);
        int units;
        if (vcpu.matches()) {
            units = new BigDecimal(vcpu.group(1)).multiply(BigDecimal.valueOf(1024)).intValue();
        } else if (UNITS.matcher(text).matches() && text.length() < 9) {
            units = Integer.parseInt(text);
        } else {
            throw EcsException.client("Invalid 'cpu' setting for task. Specify CPU units (e.g. 1024) or vCPUs (e.g. 1 vCPU).");
        }
        if (units < 128 || units > 196_608) {
            throw EcsException.client("Invalid 'cpu' setting for task. CPU units must be between 128 and 196608.");
        }
        return Optional.of(units);
    }

    static Optional<Integer> memoryMiB(String memory) {
        if (memory == null) {
            return Optional.empty();
        }
        String text = memory.trim().toLowerCase(Locale.ROOT);
        Matcher gb = GB.matcher(text);
        int mib;
        if (gb.matches()) {
            mib = new BigDecimal(gb.group(1)).multiply(BigDecimal.valueOf(1024)).intValue();
        } else if (UNITS.matcher(text).matches() && text.length() < 10) {
            mib = Integer.parseInt(text);
        } else {
            throw EcsException.client("Invalid 'memory' setting for task. Specify MiB (e.g. 2048) or GB (e.g. 2 GB).");
        }
        if (mib < 6) {
            throw EcsException.client("Invalid 'memory' setting for task. The minimum is 6 MiB.");
        }
        return Optional.of(mib);
    }

    static boolean fargateSupports(int cpu, int memory) {
        if (cpu == 256) {
            return memory == 512 || memory == 1024 || memory == 2048;
        }
        int[] range = FARGATE.get(cpu);
        return range != null && memory >= range[0] && memory <= range[1] && (memory - range[0]) % range[2] == 0;
    }
}
