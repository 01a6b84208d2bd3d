package dev.localecs.plugins.clusters;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.ClusterSetting;
import java.util.ArrayList;
import java.util.List;

/** Cluster settings: ECS knows one, {@code containerInsights} ({@code enhanced}, {@code enabled}, {@code disabled}). */
final class ClusterSettings {
    static final List<ClusterSetting> DEFAULT = List.of(new ClusterSetting("containerInsights", "disabled"));
    private static final List<String> VALUES = List.of("enhanced", "enabled", "disabled");

    private ClusterSettings() {
    }

    static void validate(List<ClusterSetting> settings) {
        for (ClusterSetting setting : settings == null ? List.<ClusterSetting>of() : settings) {
            if (!"containerInsights".equals(setting.name())) {
                throw EcsException.invalidParameter("Invalid cluster setting name '" + setting.name()
                        + "'. Valid values: containerInsights.");
            }
            if (!VALUES.contains(setting.value())) {
                throw EcsException.invalidParameter("Invalid value '" + setting.value() + "' for cluster setting "
                        + "containerInsights. Valid values: " + String.join(", ", VALUES) + ".");
            }
        }
    }

    /** The stored settings with each given one replacing the stored setting of the same name. */
    static List<ClusterSetting> merge(List<ClusterSetting> stored, List<ClusterSetting> given) {
        List<ClusterSetting> merged = new ArrayList<>(stored == null ? DEFAULT : stored);
        for (ClusterSetting setting : given) {
            merged.removeIf(existing -> existing.name().equals(setting.name()));
            merged.add(setting);
        }
        return List.copyOf(merged);
    }
}
